namespace Ari;

/// <summary>
/// A problem with the user's input (a file, an option, a table) that Ari can explain in one line.
/// The message names the file or option at fault; command-line front ends print it after "error: ".
/// </summary>
public class AriException : Exception
{
    public AriException(string message) : base(message) { }
    public AriException(string message, Exception? innerException) : base(message, innerException) { }
}
