namespace Touchpoint.Hosting;

/// <summary>
/// A configuration or environment problem that stops Touchpoint from starting. Its message is one
/// sentence naming the setting to fix; Program prints it instead of a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
