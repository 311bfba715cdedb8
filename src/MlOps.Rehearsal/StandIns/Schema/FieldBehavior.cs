namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>The <c>google.api.field_behavior</c> annotations the checks act on, and oneof membership.</summary>
[Flags]
internal enum FieldBehavior
{
    None = 0,
    Required = 1,

    /// <summary>Set by the server; ignored on input, as AIP-203 asks.</summary>
    OutputOnly = 2,

    /// <summary>A member of a oneof: present even at its default value.</summary>
    OneOf = 4,
}
