using System.Threading.Channels;

namespace Beans.Relay.Outbox;

/// <summary>Wakes the dispatcher when the outbox changed; many notifications fold into one wake-up.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Completes at the next notification, or at once if one came since the last wait.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.ReadAsync(cancellationToken);
    }
}
