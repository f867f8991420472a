using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace KonektoSync.Tests.Architecture;

/// <summary>A member an assembly's code uses: the calling method and "Namespace.Type::Member".</summary>
public sealed record MemberUse(string Caller, string Member);

/// <summary>
/// Reads the IL of every method body of an assembly and lists the members its instructions
/// refer to (calls, field loads, tokens, object creation).
/// </summary>
public static class IlScanner
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IReadOnlyList<MemberUse> MemberUses(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();
        var uses = new List<MemberUse>();
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            var caller = $"{TypeName(md, method.GetDeclaringType())}::{md.GetString(method.Name)}";
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
            List<int> tokens;
            try { tokens = Tokens(il); }
            catch (KeyNotFoundException e) { throw new InvalidOperationException($"{caller}: {e.Message}", e); }
            foreach (var token in tokens)
                uses.Add(new MemberUse(caller, Describe(md, MetadataTokens.EntityHandle(token))));
        }
        return uses;
    }

    private static List<int> Tokens(BlobReader il)
    {
        var tokens = new List<int>();
        var trail = new List<string>();
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            var value = first == 0xFE ? (short)(0xFE00 | il.ReadByte()) : first;
            if (!OpCodesByValue.TryGetValue(value, out var op))
                throw new KeyNotFoundException($"opcode {value} at {il.Offset - 1} after {string.Join(",", trail)}");
            trail.Add(op.Name ?? "?");
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField
                    or OperandType.InlineTok or OperandType.InlineType:
                    tokens.Add(il.ReadInt32());
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read before Offset: `Offset += 4 * Read()` loses the count
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += OperandSize(op.OperandType);
                    break;
            }
        }
        return tokens;
    }

    private static int OperandSize(OperandType t) => t switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static string Describe(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.MemberReference => Member(md, md.GetMemberReference((MemberReferenceHandle)h)),
        HandleKind.MethodSpecification =>
            Describe(md, md.GetMethodSpecification((MethodSpecificationHandle)h).Method),
        HandleKind.MethodDefinition => $"{TypeName(md, md.GetMethodDefinition((MethodDefinitionHandle)h)
            .GetDeclaringType())}::{md.GetString(md.GetMethodDefinition((MethodDefinitionHandle)h).Name)}",
        HandleKind.FieldDefinition => $"{TypeName(md, md.GetFieldDefinition((FieldDefinitionHandle)h)
            .GetDeclaringType())}::{md.GetString(md.GetFieldDefinition((FieldDefinitionHandle)h).Name)}",
        _ => TypeName(md, h),
    };

    private static string Member(MetadataReader md, MemberReference m) =>
        $"{TypeName(md, m.Parent)}::{md.GetString(m.Name)}";

    private static string TypeName(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.TypeReference => Qualified(md, md.GetTypeReference((TypeReferenceHandle)h)),
        HandleKind.TypeDefinition => Qualified(md, md.GetTypeDefinition((TypeDefinitionHandle)h)),
        HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)h)
            .DecodeSignature(new TypeNames(md), null),
        _ => h.Kind.ToString(),
    };

    private static string Qualified(MetadataReader md, TypeReference t) =>
        t.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{TypeName(md, (TypeReferenceHandle)t.ResolutionScope)}+{md.GetString(t.Name)}"
            : Join(md.GetString(t.Namespace), md.GetString(t.Name));

    private static string Qualified(MetadataReader md, TypeDefinition t) =>
        t.GetDeclaringType() is { IsNil: false } outer
            ? $"{TypeName(md, outer)}+{md.GetString(t.Name)}"
            : Join(md.GetString(t.Namespace), md.GetString(t.Name));

    private static string Join(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";

    /// <summary>Names a generic instance by its generic type (its arguments are left out).</summary>
    private sealed class TypeNames(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> args) => genericType;
        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle h, byte kind) => TypeName(md, h);
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle h, byte kind) => TypeName(md, h);
        public string GetTypeFromSpecification(MetadataReader r, object? c, TypeSpecificationHandle h, byte kind) =>
            TypeName(md, h);
        public string GetPrimitiveType(PrimitiveTypeCode code) => $"System.{code}";
        public string GetSZArrayType(string element) => element + "[]";
        public string GetArrayType(string element, ArrayShape shape) => element + "[,]";
        public string GetByReferenceType(string element) => element + "&";
        public string GetPointerType(string element) => element + "*";
        public string GetPinnedType(string element) => element;
        public string GetGenericTypeParameter(object? c, int index) => $"!{index}";
        public string GetGenericMethodParameter(object? c, int index) => $"!!{index}";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetModifiedType(string modifier, string unmodified, bool isRequired) => unmodified;
    }
}
