namespace Beans.Relay.Bench;

/// <summary>What a backlog of pending rows costs: claiming due rows, and restarting on it.</summary>
internal sealed record BacklogResult(
    int SmallRows,
    int LargeRows,
    double FillRowsPerSecond,
    double ClaimMsSmall,
    double ClaimMsLarge,
    double NextDueMsSmall,
    double NextDueMsLarge,
    double FirstDeliveryMsSmall,
    double FirstDeliveryMsLarge);
