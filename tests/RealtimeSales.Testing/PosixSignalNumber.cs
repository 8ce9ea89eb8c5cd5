namespace RealtimeSales.Testing;

/// <summary>Linux signal numbers the tests send: crashes, and the postmaster's shutdown modes.</summary>
public enum PosixSignalNumber
{
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    Terminate = 15,
    Continue = 18,
    Stop = 19,
}
