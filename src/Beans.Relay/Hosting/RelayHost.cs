using Beans.Relay.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Hosting;

/// <summary>Builds and runs the worker: intake, outbox, delivery and the ops endpoints.</summary>
public static class RelayHost
{
    public const string OpsUrlsKey = "Ops:Urls";
    public const string DefaultOpsUrls = "http://127.0.0.1:8080";

    /// <summary>Builds the worker from the relay's configuration sources and <paramref name="args"/>.</summary>
    /// <param name="args"><c>--Section:Key=value</c> overrides.</param>
    /// <param name="configureServices">Lets tests replace services (the clock, say) after the relay's own.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddRelaySources(args);
        builder.WebHost.UseUrls(CheckedOpsUrls(builder.Configuration[OpsUrlsKey] ?? DefaultOpsUrls));

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddRelayOutbox(builder.Configuration)
            .AddRelayMapping(builder.Configuration)
            .AddRelayDelivery(builder.Configuration)
            .AddRelayIntake(builder.Configuration)
            .AddRelayOperations(builder.Configuration);
        services.AddOptions<HostOptions>().Configure<IOptions<DeliveryOptions>>(
            (host, delivery) => host.ShutdownTimeout = delivery.Value.ShutdownTimeout + TimeSpan.FromSeconds(10));
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.MapRelayOperations();
        return app;
    }

    /// <summary>
    /// <paramref name="urls"/> when each of its <c>;</c>-separated entries is an http(s) address Kestrel
    /// can listen on (<c>*</c> and <c>+</c> stand for every address).
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry is not such an address; the message quotes it.</exception>
    internal static string CheckedOpsUrls(string urls)
    {
        var entries = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = entries.FirstOrDefault(entry => !IsListenAddress(entry));
        if (entries.Length == 0 || bad is not null)
        {
            throw new InvalidOperationException(
                $"{OpsUrlsKey} must be http(s) addresses separated by ';', "
                + $"such as {DefaultOpsUrls}, not '{bad ?? urls}'.");
        }

        return urls;
    }

    private static bool IsListenAddress(string entry)
    {
        var wildcardFree = entry.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(wildcardFree, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>Runs the worker in the foreground until it is told to stop.</summary>
    /// <returns>0 after a clean stop; 1 when the configuration is invalid.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);

            // Checked before the host starts, so a bad setting gives one clear message, not a stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync("The relay's configuration is invalid:");
            foreach (var failure in exception.Failures)
            {
                await Console.Error.WriteLineAsync("  " + failure);
            }

            return 1;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            await Console.Error.WriteLineAsync("The relay's configuration is invalid: " + exception.Message);
            return 1;
        }

        await using (app)
        {
            await app.RunAsync();
            return 0;
        }
    }
}
