namespace AigcGateway.Core.Idle;

/// <summary>The GPU/CPU source could not be asked, or answered with an error.</summary>
public sealed class UsageMeterException : Exception
{
    public UsageMeterException()
    {
    }

    public UsageMeterException(string message)
        : base(message)
    {
    }

    public UsageMeterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
