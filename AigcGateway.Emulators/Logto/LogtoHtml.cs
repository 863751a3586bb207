using System.Net;

namespace AigcGateway.Emulators.Logto;

/// <summary>The small HTML frame of the emulator's own pages.</summary>
internal static class LogtoHtml
{
    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static IResult Page(string title, string body) => Results.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · Logto emulator</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #f4f5f8; color: #1b1c22; margin: 0; }
          main { max-width: 420px; margin: 8vh auto; background: #fff; border-radius: 12px; padding: 32px;
                 box-shadow: 0 2px 12px rgba(0,0,0,.08); }
          h1 { font-size: 1.3rem; margin: 0 0 4px; }
          p.hint { color: #6b6f7b; margin: 0 0 20px; font-size: .9rem; }
          form.user { margin: 0 0 10px; }
          button { width: 100%; padding: 10px 14px; border-radius: 8px; border: 1px solid #d5d7de; background: #fff;
                   font: inherit; text-align: left; cursor: pointer; }
          button:hover { border-color: #5d34f2; }
          button.primary { background: #5d34f2; color: #fff; border-color: #5d34f2; text-align: center; }
          .sub { display: block; color: #6b6f7b; font-size: .85rem; }
          .role { float: right; font-size: .75rem; background: #efeaff; color: #5d34f2; border-radius: 10px; padding: 2px 8px; }
          fieldset { border: 0; border-top: 1px solid #e4e5ea; margin: 24px 0 0; padding: 16px 0 0; }
          legend { color: #6b6f7b; font-size: .85rem; padding-right: 8px; }
          label { display: block; font-size: .85rem; margin: 8px 0 4px; }
          input[type=text], input[type=email] { width: 100%; box-sizing: border-box; padding: 8px; border-radius: 6px;
                 border: 1px solid #d5d7de; font-size: 1rem; }
          .error { color: #c62828; }
        </style>
        </head>
        <body><main>
        {{body}}
        </main></body>
        </html>
        """,
        "text/html; charset=utf-8");
}
