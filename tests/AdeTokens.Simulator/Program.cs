using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AdeTokens.Simulator;

internal static class Program
{
    private const string Usage = "usage: AdeTokens.Simulator --scenario <path.json> [--port <n>] [--identity-header <secret>]";

    public static async Task<int> Main(string[] args)
    {
        if (!TryParseArguments(args, out var scenarioPath, out var port, out var identityHeader, out var problem))
        {
            await Console.Error.WriteLineAsync(problem);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var clock = new SimClock();
        Tenant tenant;
        try
        {
            tenant = scenarioPath is null
                ? ScenarioLoader.Load("{}", clock.UtcNow, "(empty scenario)")
                : ScenarioLoader.LoadFile(scenarioPath, clock.UtcNow);
        }
        catch (ScenarioException ex)
        {
            await Console.Error.WriteLineAsync("Scenario error: " + ex.Message);
            return 1;
        }

        // Disposed on the way out so Kestrel and the stderr logger finish cleanly before the process exits.
        await using var app = Build(clock, tenant, port, identityHeader ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        await app.StartAsync();

        // Harnesses read stdout line by line: line 1 is the base URL, line 2 the managed-identity secret.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = $"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}";
        var settings = app.Services.GetRequiredService<SimSettings>();
        Console.Out.WriteLine(baseUrl);
        Console.Out.WriteLine($"IDENTITY_HEADER={settings.IdentityHeader}");
        Console.Out.WriteLine($"IDENTITY_ENDPOINT={baseUrl}/msi/token");
        Console.Out.Flush();

        StopWhenStdinCloses(app.Lifetime);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication Build(SimClock clock, Tenant tenant, int port, string identityHeader)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });

        // stdout belongs to the startup banner; diagnostics go to stderr, and only when something is wrong.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });

        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddSingleton(new TenantState(clock, tenant));
        builder.Services.AddSingleton<JwtService>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<AlertSinks>();
        builder.Services.AddSingleton(new SimSettings(identityHeader));
        var faults = new FaultController();
        faults.Replace(tenant.Faults);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(new BudgetHolder { Current = tenant.Budget });

        var app = builder.Build();
        app.Use(GraphPipeline.CorrelationAsync);
        app.Use(GraphPipeline.GateAsync);
        app.UseRouting();
        app.Use(GraphPipeline.PermissionAsync);

        ControlRoutes.Map(app);
        AlertSinks.Map(app);
        AuthRoutes.Map(app);
        BatchRoutes.Map(app);
        VppRoutes.Map(app);
        GraphRoutes.Map(app);
        return app;
    }

    /// <summary>The harness owns our lifetime through stdin: when its end of the pipe closes (test run over, or the
    /// harness died), we stop instead of lingering as an orphan holding a port.</summary>
    private static void StopWhenStdinCloses(IHostApplicationLifetime lifetime)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[4096];
                while (stdin.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }
            catch (IOException)
            {
            }

            lifetime.StopApplication();
        })
        {
            IsBackground = true,
            Name = "stdin watcher",
        };
        thread.Start();
    }

    private static bool TryParseArguments(string[] args, out string? scenario, out int port, out string? identityHeader, out string problem)
    {
        scenario = null;
        port = 0;
        identityHeader = null;
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "--scenario":
                        scenario = Value();
                        break;
                    case "--port":
                        var text = Value();
                        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                        {
                            problem = $"--port must be 0-65535, not '{text}'.";
                            return false;
                        }

                        break;
                    case "--identity-header":
                        identityHeader = Value();
                        if (identityHeader.Length == 0)
                        {
                            problem = "--identity-header must not be empty.";
                            return false;
                        }

                        break;
                    default:
                        problem = $"Unknown argument '{args[i]}'.";
                        return false;
                }
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message;
                return false;
            }
        }

        return true;
    }
}
