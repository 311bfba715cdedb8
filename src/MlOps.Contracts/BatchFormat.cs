namespace MlOps.Contracts;

/// <summary>The file formats of batch prediction; on the wire as <see cref="BatchFormats"/>.</summary>
public enum BatchFormat
{
    /// <summary>Rows with a header; the output is each row plus probability and label.</summary>
    Csv,

    /// <summary>One instance per line; the output is Vertex AI batch prediction's JSON lines.</summary>
    JsonLines,
}
