using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>Runs a class's tests in <see cref="LoopStage"/> order, then by name.</summary>
public sealed class LoopStageOrderer : ITestCaseOrderer
{
    public const string TypeName = "MlOps.WebConsole.Tests.Browser.LoopStageOrderer";
    public const string AssemblyName = "MlOps.Console.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => StageOf(t.TestMethod.Method)).ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);

    private static LoopStage StageOf(IMethodInfo method) =>
        method.GetCustomAttributes(typeof(StageAttribute).AssemblyQualifiedName).FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() is { } stage
            ? (LoopStage)Convert.ToInt32(stage, CultureInfo.InvariantCulture)
            : LoopStage.Closed;
}
