namespace RealtimeSales.Testing;

/// <summary>Linux signal numbers the crash tests send.</summary>
public enum PosixSignalNumber
{
    Quit = 3,
    Kill = 9,
    Terminate = 15,
    Continue = 18,
    Stop = 19,
}
