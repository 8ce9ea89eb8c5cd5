using RealtimeSales.Web.Resources;

namespace RealtimeSales.Web.Tests.Units;

public sealed class SecretMaskTests
{
    [Theory]
    [InlineData("postgresql://postgres:Qdg4hh@127.0.0.1:5432/salesdb", "postgresql://postgres:••••••@127.0.0.1:5432/salesdb")]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres;Password=s3cr3t;Database=salesdb", "Host=127.0.0.1;Port=5432;Username=postgres;Password=••••••;Database=salesdb")]
    [InlineData("Host=h;password = s3cr3t", "Host=h;password = ••••••")]
    [InlineData("PWD=x;Host=h", "PWD=••••••;Host=h")]
    public void HidesPasswords(string text, string masked)
    {
        Assert.True(SecretMask.HasSecret(text));
        Assert.Equal(masked, SecretMask.Apply(text));
    }

    [Theory]
    [InlineData("127.0.0.1:9092")]
    [InlineData("http://127.0.0.1:5123")]
    [InlineData("postgresql://postgres@127.0.0.1:5432/salesdb")]
    [InlineData("Host=h;Username=passwordless")]
    public void LeavesTextWithoutPasswordsAlone(string text)
    {
        Assert.False(SecretMask.HasSecret(text));
        Assert.Equal(text, SecretMask.Apply(text));
    }
}
