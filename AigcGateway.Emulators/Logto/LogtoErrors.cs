using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Logto;

/// <summary>Logto's error bodies: <c>{"code":"namespace.key","message":"..."}</c>, plus the OIDC fields for OIDC errors.</summary>
internal static class LogtoErrors
{
    public const string ForbiddenMessage = "Forbidden. Please check your user roles and permissions.";

    public static IResult Api(int status, string code, string message) =>
        Results.Json(new JsonObject { ["message"] = message, ["code"] = code }, statusCode: status);

    public static IResult Unauthorized() => Api(401, "auth.unauthorized", "Unauthorized. Please check credentials and its scope.");

    public static IResult Forbidden() => Api(403, "auth.forbidden", ForbiddenMessage);

    public static IResult NotFound() => Api(404, "entity.not_found", "The requested entity does not exist.");

    public static IResult InvalidInput(string details) =>
        Results.Json(
            new JsonObject { ["message"] = "The request input is invalid.", ["code"] = "guard.invalid_input", ["details"] = details },
            statusCode: 400);

    /// <summary>The <c>message</c> Logto (oidc-provider) gives for an OIDC error code.</summary>
    public static string OidcMessage(string error) => error switch
    {
        "invalid_request" => "Request is invalid.",
        "invalid_client" => "Client authentication failed.",
        "invalid_grant" => "Grant request is invalid.",
        "invalid_scope" => "Requested scope is invalid.",
        "invalid_target" => "Invalid resource indicator.",
        "invalid_token" => "Invalid token provided.",
        "login_required" => "End-User authentication is required.",
        "unauthorized_client" => "Unauthorized client.",
        "unsupported_grant_type" => "Unsupported grant type requested.",
        "unsupported_response_type" => "Unsupported response type requested.",
        "access_denied" => "Access denied.",
        _ => "An OIDC error occurred.",
    };

    public static JsonObject OidcBody(string error, string? description) => new()
    {
        ["code"] = "oidc." + error,
        ["message"] = OidcMessage(error),
        ["error"] = error,
        ["error_description"] = description,
    };
}
