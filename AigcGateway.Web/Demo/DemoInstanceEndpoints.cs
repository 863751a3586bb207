using System.Globalization;
using System.Net;
using System.Text;
using AigcGateway.Core.Access;
using AigcGateway.Web.Auth;
using AigcGateway.Emulators.Kubernetes;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Demo;

/// <summary>
/// Demo mode's stand-in for the instances' applications, published on the dashboard host under
/// <c>/demo-instances/&lt;gss&gt;-&lt;id&gt;</c>. Every request is decided by the same forward-auth policy that
/// <c>/auth</c> applies for ingress-nginx: the owner sees the page, a visitor without the access cookie is sent to
/// sign in and comes back, anyone else gets 403.
/// </summary>
public static class DemoInstanceEndpoints
{
    public static IEndpointRouteBuilder MapDemoInstances(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(KubernetesEmulatorOptions.DemoInstancePathPrefix + "/{**rest}", Handle).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Handle(
        HttpContext context,
        InstanceAccessCookie accessCookie,
        IForwardAuthIndexSource index,
        InstanceActivity activity,
        IStringLocalizer<Strings> text)
    {
        var request = context.Request;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        AccessIdentity? identity = accessCookie.TryRead(request, out var ticket) ? new AccessIdentity(ticket.UserId, ticket.Email) : null;
        var decision = ForwardAuthPolicy.Decide(identity, [url], [], [], index.Current);
        switch (decision.Outcome)
        {
            case ForwardAuthOutcome.Allowed:
                activity.Stamp(decision.Instance!);
                var instance = decision.Instance!;
                return Page(
                    text["DemoInstance_Title", instance.GameServerName],
                    text["DemoInstance_Text", instance.Template.Name],
                    text["DemoInstance_Owner", decision.User!.Email ?? decision.User.UserId],
                    text["DemoInstance_Back"],
                    StatusCodes.Status200OK);
            case ForwardAuthOutcome.Unauthenticated:
                return Results.Redirect("/sign-in?rd=" + Uri.EscapeDataString(url));
            default:
                return Page(
                    text["DemoInstance_Forbidden_Title"], text["DemoInstance_Forbidden_Text"], "", text["DemoInstance_Back"],
                    StatusCodes.Status403Forbidden);
        }
    }

    private static IResult Page(string title, string lead, string note, string back, int status)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(CultureInfo.CurrentUICulture.Name).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>")
            .Append("<style>body{font-family:Roboto,system-ui,sans-serif;max-width:44rem;margin:4rem auto;padding:0 1rem;color:#1f2130}")
            .Append("h1{font-size:1.6rem}.note{background:#f4f4f8;padding:1rem;border-radius:10px}")
            .Append("a{display:inline-block;padding:.5rem 1rem;border-radius:10px;background:#5b4cdb;color:#fff;text-decoration:none}")
            .Append("@media (prefers-color-scheme: dark){body{background:#12131a;color:#e8e8f0}.note{background:#1e1f2b}}</style></head><body><main>")
            .Append("<h1 class=\"demo-instance-title\">").Append(WebUtility.HtmlEncode(title)).Append("</h1>")
            .Append("<p>").Append(WebUtility.HtmlEncode(lead)).Append("</p>");
        if (note.Length > 0)
        {
            html.Append("<p class=\"note\">").Append(WebUtility.HtmlEncode(note)).Append("</p>");
        }

        html.Append("<p><a href=\"/\">").Append(WebUtility.HtmlEncode(back)).Append("</a></p></main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
