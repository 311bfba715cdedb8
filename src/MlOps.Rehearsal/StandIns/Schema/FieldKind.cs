namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>What a field holds, in the terms of the proto3 JSON mapping.</summary>
internal enum FieldKind
{
    String,
    Int32,

    /// <summary>A JSON string of digits (a number is accepted on input).</summary>
    Int64,
    Bool,
    Double,

    /// <summary>Base64 in a JSON string: the standard alphabet on output; either alphabet, padded or not, on input.</summary>
    Bytes,
    Enum,
    Message,

    /// <summary>google.protobuf.Any: an object whose <c>@type</c> names the message whose fields it carries.</summary>
    Any,

    /// <summary>google.protobuf.Value: any JSON at all.</summary>
    Value,

    /// <summary>google.protobuf.Struct: any JSON object.</summary>
    Struct,

    /// <summary>google.protobuf.Timestamp: an RFC 3339 string.</summary>
    Timestamp,

    /// <summary>google.protobuf.Duration: seconds with an <c>s</c> suffix, e.g. <c>"3.5s"</c>.</summary>
    Duration,

    /// <summary>google.protobuf.FieldMask: comma-separated lowerCamelCase paths.</summary>
    FieldMask,
}
