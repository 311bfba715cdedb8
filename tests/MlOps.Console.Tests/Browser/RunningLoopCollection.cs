namespace MlOps.WebConsole.Tests.Browser;

[CollectionDefinition(RunningLoop.Collection)]
public sealed class RunningLoopCollection : ICollectionFixture<RunningLoop>;
