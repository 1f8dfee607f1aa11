using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Operations;

[Collection(BrokerCollection.Name)]
public sealed class DashboardBrowserTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsADeadLetterWithItsReason_AndReplaysItUntilDelivered()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        relay.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(200));

        await browser.NavigateAsync(OpsTestSupport.OpsUrl(relay));
        await browser.WaitUntilAsync(
            "[...document.querySelectorAll('#dead-letters tbody tr')].some(r => r.textContent.includes('dead-customer-1')"
            + " && r.querySelector('.reason').textContent.includes('422'))",
            "the dead letter with its reason",
            OpsTestSupport.Patience);
        await browser.WaitUntilAsync("document.getElementById('dead').textContent === '1'", "1 dead letter", OpsTestSupport.Patience);
        await browser.EvaluateAsync("document.querySelector('#dead-letters tbody tr button.replay').click()");
        await browser.WaitUntilAsync(
            "document.getElementById('message').textContent === 'Replayed 1 dead letter.'", "the replay's outcome", OpsTestSupport.Patience);
        await browser.WaitUntilAsync(
            "document.getElementById('delivered-hour').textContent === '1' && document.getElementById('dead').textContent === '0'",
            "the event delivered",
            OpsTestSupport.Patience);
        var html = await browser.EvaluateAsync("document.documentElement.outerHTML");

        Assert.Equal(2, relay.Receiver.Requests.Count);
        Assert.Equal(1, await OpsTestSupport.CountAsync(relay.DatabasePath, "state = 1"));
        Assert.DoesNotContain(RelayUnderTest.SecretKey, html.GetString(), StringComparison.Ordinal);
    }
}
