using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beans.Relay.Operations;

/// <summary><c>/</c>: the dashboard, static files copied beside the program (no build step, no CDN).</summary>
internal static class DashboardEndpoints
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Operations", "Dashboard");

    public static void MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Serve("index.html", "text/html; charset=utf-8"));
        endpoints.MapGet("/dashboard.js", () => Serve("dashboard.js", "text/javascript; charset=utf-8"));
        endpoints.MapGet("/dashboard.css", () => Serve("dashboard.css", "text/css; charset=utf-8"));
    }

    private static IResult Serve(string file, string contentType)
    {
        var path = Path.Combine(Folder, file);
        return File.Exists(path)
            ? Results.File(path, contentType)
            : Results.Problem($"The dashboard file {file} is missing beside the program.", statusCode: 500);
    }
}
