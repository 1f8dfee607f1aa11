using Beans.Relay.Delivery;
using Beans.Relay.Hosting;
using Beans.Relay.Intake;
using Beans.Relay.Outbox;

namespace Beans.Relay.Tests.Hosting;

public sealed class ConfigurationValidationTests
{
    [Fact]
    public void Validate_SecretKeyMissing_FailsNamingTheKey()
    {
        var options = new BeansOptions { SecretKey = "" };

        var result = new BeansOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Beans:SecretKey is required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://hooks.example.com/v3/", "must use https")]
    [InlineData("ftp://127.0.0.1/", "absolute http(s) URL")]
    [InlineData("not a url", "absolute http(s) URL")]
    public void Validate_BadBaseUrl_FailsQuotingTheValue(string baseUrl, string expected)
    {
        var options = new BeansOptions { BaseUrl = baseUrl, SecretKey = "sk_live_do_not_print_me" };

        var result = new BeansOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(baseUrl, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_do_not_print_me", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hooks/")]
    [InlineData("http://localhost:9000/hooks")]
    [InlineData("https://hooks.radix.trybeans.com/v3/hook/radix/vanilla/")]
    public void Validate_HttpsOrLoopbackBaseUrl_Succeeds(string baseUrl)
    {
        var options = new BeansOptions { BaseUrl = baseUrl, SecretKey = "sk_test_123" };

        var result = new BeansOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_RabbitMqUrlWithPasswordIsBad_QuotesItWithoutThePassword()
    {
        var options = new RabbitMqOptions { Url = "http://relay:hunter2@broker:5672/" };

        var result = new RabbitMqOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("RabbitMq:Url", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeliveryValuesOutOfRange_FailNamingEachKey()
    {
        var options = new DeliveryOptions
        {
            MaxConcurrency = 0,
            AttemptTimeout = TimeSpan.Zero,
            RetrySchedule = [TimeSpan.Zero, TimeSpan.FromSeconds(-5)],
        };

        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Delivery:MaxConcurrency", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Delivery:AttemptTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Delivery:RetrySchedule:1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutboxPathEmpty_FailsNamingTheKey()
    {
        var result = new OutboxOptionsValidator().Validate(null, new OutboxOptions { DatabasePath = " " });

        Assert.True(result.Failed);
        Assert.Contains("Outbox:DatabasePath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:8080;nonsense")]
    public void CheckedOpsUrls_NotAnHttpAddress_FailsQuotingTheValue(string urls)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RelayHost.CheckedOpsUrls(urls));

        Assert.Contains("Ops:Urls", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080;https://+:8443")]
    [InlineData("http://127.0.0.1:0")]
    public void CheckedOpsUrls_ListenAddresses_AreAccepted(string urls)
    {
        Assert.Equal(urls, RelayHost.CheckedOpsUrls(urls));
    }

    [Fact]
    public void Validate_UnknownShopTimeZone_FailsQuotingTheValue()
    {
        var result = new Beans.Relay.Mapping.ShopOptionsValidator().Validate(null, new() { TimeZone = "Mars/Base" });

        Assert.True(result.Failed);
        Assert.Contains("Shop:TimeZone", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'Mars/Base'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.radix.trybeans.com/v3/hook/radix/vanilla/")]
    [InlineData("https://hooks.radix.trybeans.com/v3/hook/radix/vanilla")]
    [InlineData("https://hooks.radix.trybeans.com/v3/hook/radix/vanilla//")]
    public void HookBase_AnyTrailingSlashes_JoinsWithExactlyOneSlash(string baseUrl)
    {
        var hook = new Uri(DeliveryServiceCollectionExtensions.HookBase(baseUrl), "customer/hook_created");

        Assert.Equal("https://hooks.radix.trybeans.com/v3/hook/radix/vanilla/customer/hook_created", hook.ToString());
    }

    [Fact]
    public void BasicAuth_SecretKey_IsEmptyUserAndKeyAsPassword()
    {
        var header = DeliveryServiceCollectionExtensions.BasicAuth("sk_test_123");

        Assert.Equal("Basic OnNrX3Rlc3RfMTIz", header.ToString());
    }

    [Fact]
    public async Task RunAsync_SecretKeyMissing_ExitsWithOneAndNamesTheKey()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exitCode;
        try
        {
            exitCode = await RelayHost.RunAsync(["--Beans:SecretKey=", "--Ops:Urls=http://127.0.0.1:0"]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(1, exitCode);
        Assert.Contains("Beans:SecretKey is required", error.ToString(), StringComparison.Ordinal);
    }
}
