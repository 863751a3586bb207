namespace AigcGateway.Core.Templates;

/// <summary>An inclusive range of reserved GameServer ids; a single id has <see cref="Start"/> equal to <see cref="End"/>.</summary>
public readonly record struct ReserveIdRange(int Start, int End)
{
    public bool IsSingle => Start == End;

    public override string ToString() => IsSingle ? Start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Start}-{End}";
}
