using System.Text;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>A figure as an inline PNG with its caption.</summary>
internal static class FigureHtml
{
    public static void Append(StringBuilder html, ReportFigure figure) =>
        html.Append("<figure><img alt=\"").Append(Escape(figure.Title)).Append("\" width=\"").Append(figure.Width).Append("\" height=\"").Append(figure.Height)
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(figure.Png)).Append("\"><figcaption><b>")
            .Append(Escape(figure.Title)).Append(".</b> ").Append(Escape(figure.Caption)).Append("</figcaption></figure>");

    public static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(Escape(key)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>");
}
