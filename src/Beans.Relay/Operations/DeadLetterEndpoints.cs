using Beans.Relay.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beans.Relay.Operations;

/// <summary><c>/api</c>: the status figures and the dead letters (list, get, replay, purge), behind the key.</summary>
internal static class DeadLetterEndpoints
{
    public const int DefaultPageSize = 50;
    public const int LargestPageSize = 1000;

    public static void MapOpsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/status", GetStatusAsync);
        api.MapGet("/dead-letters", ListAsync);
        api.MapGet("/dead-letters/{id:long}", GetAsync);
        api.MapPost("/dead-letters/{id:long}/replay", ReplayOneAsync);
        api.MapDelete("/dead-letters/{id:long}", PurgeOneAsync);
        api.MapPost("/dead-letters/replay", ReplayManyAsync);
        api.MapPost("/dead-letters/purge", PurgeManyAsync);
    }

    private static async Task<IResult> GetStatusAsync(
        OutboxStore outbox,
        RelayStateStore state,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var status = await outbox.GetStatusAsync(cancellationToken);
        var relay = await state.ReadAsync(cancellationToken);
        return Results.Json(StatusReport.From(status, relay, timeProvider.GetUtcNow()), DeadLetterView.Json);
    }

    private static async Task<IResult> ListAsync(
        DeadLetterStore store,
        TimeProvider timeProvider,
        string? type,
        string? since,
        long? after,
        int? limit,
        CancellationToken cancellationToken)
    {
        if (!TryFilter(type, since, timeProvider, out var filter, out var problem))
        {
            return problem;
        }

        var size = Math.Clamp(limit ?? DefaultPageSize, 1, LargestPageSize);
        var page = await store.ListAsync(filter, after ?? 0, size, cancellationToken);
        var total = await store.CountAsync(filter, cancellationToken);
        return Results.Json(
            new { Items = page.Items.Select(DeadLetterView.From), page.NextAfter, Total = total },
            DeadLetterView.Json);
    }

    private static async Task<IResult> GetAsync(long id, DeadLetterStore store, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(id, cancellationToken);
        return row is null
            ? Results.Problem($"No outbox row {id}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Json(DeadLetterDetail.From(row), DeadLetterView.Json);
    }

    private static async Task<IResult> ReplayOneAsync(
        long id,
        DeadLetterStore store,
        CancellationToken cancellationToken)
    {
        var replayed = await store.ReplayAsync(new DeadLetterFilter(Ids: [id]), null, cancellationToken);
        return replayed == 0
            ? Results.Problem($"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new { Replayed = replayed }, DeadLetterView.Json);
    }

    private static async Task<IResult> PurgeOneAsync(
        long id,
        DeadLetterStore store,
        CancellationToken cancellationToken)
    {
        var purged = await store.PurgeAsync(new DeadLetterFilter(Ids: [id]), null, cancellationToken);
        return purged == 0
            ? Results.Problem($"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new { Purged = purged }, DeadLetterView.Json);
    }

    private static async Task<IResult> ReplayManyAsync(
        DeadLetterStore store,
        TimeProvider timeProvider,
        string? type,
        string? since,
        CancellationToken cancellationToken)
    {
        if (!TryFilter(type, since, timeProvider, out var filter, out var problem))
        {
            return problem;
        }

        var replayed = await store.ReplayAsync(filter, null, cancellationToken);
        return Results.Json(new { Replayed = replayed }, DeadLetterView.Json);
    }

    private static async Task<IResult> PurgeManyAsync(
        DeadLetterStore store,
        TimeProvider timeProvider,
        string? type,
        string? since,
        CancellationToken cancellationToken)
    {
        if (!TryFilter(type, since, timeProvider, out var filter, out var problem))
        {
            return problem;
        }

        var purged = await store.PurgeAsync(filter, null, cancellationToken);
        return Results.Json(new { Purged = purged }, DeadLetterView.Json);
    }

    private static bool TryFilter(
        string? type,
        string? since,
        TimeProvider timeProvider,
        out DeadLetterFilter filter,
        out IResult problem)
    {
        filter = DeadLetterFilter.All;
        problem = Results.Empty;
        if (!TimeFilter.TryParseSince(since, timeProvider.GetUtcNow(), out var from))
        {
            problem = Results.Problem(
                $"since must be an ISO 8601 time or an age such as 30m, 2h, 7d; not '{since}'.",
                statusCode: StatusCodes.Status400BadRequest);
            return false;
        }

        filter = new DeadLetterFilter(EventType: string.IsNullOrWhiteSpace(type) ? null : type, Since: from);
        return true;
    }
}
