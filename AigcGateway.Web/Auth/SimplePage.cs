using System.Globalization;
using System.Net;
using System.Text;

namespace AigcGateway.Web.Auth;

/// <summary>The small stand-alone pages of the sign-in flow (errors, sign-out): one HTML skeleton and style, light and dark.</summary>
internal static class SimplePage
{
    /// <summary>A page titled <paramref name="title"/>; <paramref name="body"/> appends the content of <c>main</c>.</summary>
    public static string Render(string title, string appName, Action<StringBuilder> body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(Encode(CultureInfo.CurrentUICulture.Name)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(Encode(title)).Append(" - ").Append(Encode(appName)).Append("</title>");
        html.Append("<style>body{font-family:Roboto,system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2130}")
            .Append("h1{font-size:1.5rem}p.check{background:#f4f4f8;padding:1rem;border-radius:10px}")
            .Append("a,button{display:inline-block;margin-right:1rem;padding:.5rem 1rem;border-radius:10px;border:0;background:#5b4cdb;color:#fff;text-decoration:none;font:inherit;cursor:pointer}")
            .Append("a.secondary{background:none;color:#5b4cdb;border:1px solid #5b4cdb}")
            .Append("@media (prefers-color-scheme: dark){body{background:#12131a;color:#e8e8f0}p.check{background:#1e1f2b}}</style></head><body><main>");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>");
        body(html);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
