namespace LocalSgdVerify.Cli;

/// <summary>A flag whose value cannot be used (e.g. <c>--replicates 0</c>, an --out folder that does not exist): exit code 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
