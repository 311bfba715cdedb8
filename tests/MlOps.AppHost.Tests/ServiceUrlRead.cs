namespace MlOps.AppHost.Tests;

/// <summary>A project that reads <c>services:&lt;Service&gt;:http:0</c> (the variable Aspire's WithReference sets), and where.</summary>
internal sealed record ServiceUrlRead(string Project, string Service, string File);
