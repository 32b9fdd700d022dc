namespace Ari;

/// <summary>
/// A problem with the user's input (a file, a parameter, a table) that Ari can explain in one line.
/// When one parameter is at fault, <see cref="Parameter"/> names it (the library's parameter name, such as
/// <c>stat</c> or <c>pValues</c>) and <see cref="Detail"/> says what is wrong; a front end maps the parameter to
/// its own name for it (the command line prints <c>error: --pvalues: ...</c>). <see cref="Exception.Message"/>
/// reads <c>parameter: detail</c>.
/// </summary>
public class AriException : Exception
{
    /// <summary>A problem not tied to one parameter.</summary>
    public AriException(string message) : base(message) => Detail = message;

    /// <summary>A problem not tied to one parameter, caused by another exception.</summary>
    public AriException(string message, Exception? innerException) : base(message, innerException) => Detail = message;

    /// <summary>A problem with the value of one parameter.</summary>
    public AriException(string parameter, string detail, Exception? innerException)
        : base($"{parameter}: {detail}", innerException)
    {
        Parameter = parameter;
        Detail = detail;
    }

    /// <summary>The library parameter at fault (e.g. <c>stat</c>, <c>mask</c>, <c>pValues</c>), or null.</summary>
    public string? Parameter { get; }

    /// <summary>The problem, without the parameter's name.</summary>
    public string Detail { get; }

    /// <summary>A problem with the value of <paramref name="parameter"/>.</summary>
    public static AriException For(string parameter, string detail, Exception? innerException = null) =>
        new(parameter, detail, innerException);
}
