using System.Reflection;
using System.Reflection.Emit;

namespace AigcGateway.Tests.Architecture;

/// <summary>
/// The types a type's code uses: its signatures and every type, method or field its IL refers to (its compiler-made
/// nested types included: lambdas, async state machines), followed through the other types of the same assembly.
/// </summary>
internal static class CodeReferences
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>
    /// The first type reached from <paramref name="start"/> that <paramref name="isTarget"/> accepts, with the path
    /// that leads to it (for the failure message); null when none is reachable. Only types of the start's assembly that
    /// <paramref name="follow"/> accepts are followed.
    /// </summary>
    public static IReadOnlyList<Type>? PathTo(Type start, Func<Type, bool> isTarget, Func<Type, bool> follow)
    {
        var home = start.Assembly;
        var cameFrom = new Dictionary<Type, Type?> { [start] = null };
        var queue = new Queue<Type>([start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var used in Direct(current))
            {
                if (isTarget(used))
                {
                    var path = new List<Type> { used };
                    for (Type? at = current; at is not null; at = cameFrom[at])
                    {
                        path.Insert(0, at);
                    }

                    return path;
                }

                if (used.Assembly == home && follow(used) && cameFrom.TryAdd(used, current))
                {
                    queue.Enqueue(used);
                }
            }
        }

        return null;
    }

    /// <summary>The types <paramref name="type"/> and its nested types use directly (generic arguments unwrapped).</summary>
    private static IEnumerable<Type> Direct(Type type) => Members(type).SelectMany(Unwrap).Distinct();

    private static IEnumerable<Type> Members(Type type)
    {
        foreach (var nested in type.GetNestedTypes(All))
        {
            yield return nested;
        }

        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var field in type.GetFields(All))
        {
            yield return field.FieldType;
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in InIl(method))
            {
                yield return used;
            }
        }
    }

    /// <summary>The declaring types (and field types) of the members the method's IL refers to.</summary>
    private static IEnumerable<Type> InIl(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? unchecked((short)(0xFE00 | il[at + 1])) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var operand = Operands[value];
            if (operand is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                switch (member)
                {
                    case Type t:
                        yield return t;
                        break;
                    case FieldInfo f:
                        yield return f.DeclaringType!;
                        yield return f.FieldType;
                        break;
                    case MethodBase m when m.DeclaringType is not null:
                        yield return m.DeclaringType;
                        break;
                    default:
                        break;
                }
            }

            at += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A type and the types it is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        if (type.IsConstructedGenericType)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var argument in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }

            yield break;
        }

        yield return type;
    }
}
