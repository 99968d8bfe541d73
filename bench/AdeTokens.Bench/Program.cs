using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Health;

namespace AdeTokens.Bench
{
    /// <summary>
    /// Measures, in one run and side by side, the two ways of checking a 200,000-device token:
    /// streaming pages into a bounded summary (what Test-AdeTokenHealth -IncludeDevices does) and
    /// buffering every device first (what a naive script does). Reports time and peak-heap ratios.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "parse") return await ParseTimeAsync(args);
            string? simulator = null, scenarios = null;
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (args[i] == "--simulator") simulator = args[i + 1];
                if (args[i] == "--scenarios") scenarios = args[i + 1];
            }
            if (simulator is null || scenarios is null)
            {
                Console.Error.WriteLine("usage: --simulator <AdeTokens.Simulator.dll> --scenarios <tests/scenarios>");
                return 2;
            }

            using var sim = StartSimulator(simulator, Path.Combine(scenarios, "large-devices.json"), out var baseUrl);
            using var connection = await ConnectAsync(baseUrl);
            var service = new AdeGraphService(connection);
            string tokenId = string.Empty;
            await service.ListTokensAsync(t => { tokenId = t.Id!; return false; }, default);

            // Warm-up so JIT and connection setup count for neither side.
            await RunStreamingAsync(service, tokenId, limit: 2000);
            var rounds = 3;
            var streaming = new List<(TimeSpan Time, long Peak, int Count)>();
            var buffered = new List<(TimeSpan Time, long Peak, int Count)>();
            for (var r = 0; r < rounds; r++)
            {
                // Alternate the order so drift on a shared machine hits both sides alike.
                if (r % 2 == 0)
                {
                    streaming.Add(await Measure(() => RunStreamingAsync(service, tokenId)));
                    buffered.Add(await Measure(() => RunBufferedAsync(service, tokenId)));
                }
                else
                {
                    buffered.Add(await Measure(() => RunBufferedAsync(service, tokenId)));
                    streaming.Add(await Measure(() => RunStreamingAsync(service, tokenId)));
                }
            }

            Console.WriteLine("Device check over one token with 200,000 devices (median of 3 rounds, same run):");
            var s = Median(streaming);
            var b = Median(buffered);
            Console.WriteLine($"  streaming into DeviceFacts : {s.Time.TotalSeconds,6:0.00} s, peak managed heap {s.Peak / 1048576.0,7:0.0} MB, {s.Count} devices");
            Console.WriteLine($"  buffer all, then summarise : {b.Time.TotalSeconds,6:0.00} s, peak managed heap {b.Peak / 1048576.0,7:0.0} MB, {b.Count} devices");
            Console.WriteLine($"  ratio buffered/streaming   : time x{b.Time.TotalSeconds / s.Time.TotalSeconds:0.00}, peak heap x{(double)b.Peak / s.Peak:0.00}");
            return s.Count == b.Count && s.Count > 0 ? 0 : 1;
        }

        /// <summary>
        /// "parse &lt;graph endpoint&gt; &lt;access token&gt; &lt;requests file&gt;": the parse share of the scale benchmark's lower
        /// bound. The file lists every Graph GET the measured run sent (the simulator's request log: token pages, APNs,
        /// VPP, profile and device pages). Each is fetched once more, then all those bytes are parsed on one thread with
        /// the model the engine reads them into (ours for the beta pages, Microsoft.Graph's for v1.0), by the engine's
        /// parser and by Kiota's stock JsonParseNodeFactory, each after one untimed pass so JIT is not counted. Prints
        /// the fastest of three timed passes of each, the faster of the two as the bound's, and the engine parser's
        /// cold pass (the first thing this fresh process parses, JIT included).
        /// </summary>
        private static async Task<int> ParseTimeAsync(string[] args)
        {
            var endpoint = args[1].TrimEnd('/');
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", args[2]);
            var bodies = new List<(string Path, byte[] Bytes)>();
            var urls = new List<string>();
            foreach (var line in File.ReadAllLines(args[3]))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                var pathAndQuery = line.Trim();
                var bytes = await http.GetByteArrayAsync(endpoint + pathAndQuery);
                urls.Add(pathAndQuery);
                var q = pathAndQuery.IndexOf('?');
                bodies.Add((q < 0 ? pathAndQuery : pathAndQuery.Substring(0, q), bytes));
            }
            // The engine's parser first, so its cold pass is what a fresh process pays (JIT included); then Kiota's
            // own, for comparison. The bound takes the faster of the two warm.
            var engine = new AdeTokens.Graph.Json.PooledJsonParseNodeFactory();
            var kiota = new Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory();
            var cold = await ParseAllAsync(engine, bodies);
            var (ours, devices) = await BestOfThreeAsync(engine, bodies);
            await ParseAllAsync(kiota, bodies);
            var (theirs, _) = await BestOfThreeAsync(kiota, bodies);
            var best = ours < theirs ? ours : theirs;
            var floor = TimeSpan.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var t = await FetchAndParseAllAsync(http, endpoint, urls, engine);
                if (t < floor) floor = t;
            }
            Console.WriteLine(JsonSerializer.Serialize(new { Seconds = best.TotalSeconds, ColdSeconds = cold.Time.TotalSeconds, EngineSeconds = ours.TotalSeconds, KiotaSeconds = theirs.TotalSeconds, FloorSeconds = floor.TotalSeconds, Pages = bodies.Count, Bytes = bodies.Sum(p => (long)p.Bytes.Length), Devices = devices }));
            return 0;
        }

        /// <summary>
        /// This machine's floor for the same work: every URL fetched again through a bare HttpClient (no Graph
        /// middleware, no retry, no limiter, no PowerShell) and parsed by the engine's parser as it arrives, every
        /// collection at once, the pages of one collection in order (the log's order). Warm: the caller runs it after
        /// the parse passes. It counts what the bound leaves out, the HTTP stack and the simulator's own CPU
        /// on the same cores, so it is reported beside the bound, not in place of it.
        /// </summary>
        private static async Task<TimeSpan> FetchAndParseAllAsync(HttpClient http, string endpoint, List<string> urls, Microsoft.Kiota.Abstractions.Serialization.IParseNodeFactory factory)
        {
            var chains = urls.GroupBy(u => u.IndexOf('?') < 0 ? u : u.Substring(0, u.IndexOf('?')), StringComparer.OrdinalIgnoreCase).ToList();
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(chains.Select(chain => Task.Run(async () =>
            {
                var facts = new DeviceFacts(5);
                foreach (var url in chain)
                {
                    var bytes = await http.GetByteArrayAsync(endpoint + url).ConfigureAwait(false);
                    await ParseOneAsync(factory, chain.Key, bytes, facts).ConfigureAwait(false);
                }
            })));
            sw.Stop();
            return sw.Elapsed;
        }

        private static async Task<(TimeSpan Time, int Devices)> BestOfThreeAsync(Microsoft.Kiota.Abstractions.Serialization.IParseNodeFactory factory, List<(string Path, byte[] Bytes)> bodies)
        {
            var best = TimeSpan.MaxValue;
            var devices = 0;
            for (var i = 0; i < 3; i++)
            {
                var (t, n) = await ParseAllAsync(factory, bodies);
                if (t < best) best = t;
                devices = n;
            }
            return (best, devices);
        }

        private static async Task<(TimeSpan Time, int Devices)> ParseAllAsync(Microsoft.Kiota.Abstractions.Serialization.IParseNodeFactory factory, List<(string Path, byte[] Bytes)> bodies)
        {
            var facts = new DeviceFacts(5);
            var sw = Stopwatch.StartNew();
            foreach (var (path, bytes) in bodies) await ParseOneAsync(factory, path, bytes, facts);
            sw.Stop();
            return (sw.Elapsed, facts.TotalCount);
        }

        // One response into the model the engine reads it into (by its path), devices counted into facts.
        private static async Task ParseOneAsync(Microsoft.Kiota.Abstractions.Serialization.IParseNodeFactory factory, string path, byte[] bytes, DeviceFacts facts)
        {
            using var stream = new MemoryStream(bytes, false);
            var node = await factory.GetRootParseNodeAsync("application/json", stream);
            if (path.EndsWith("/importedAppleDeviceIdentities", StringComparison.OrdinalIgnoreCase))
            {
                var parsed = node.GetObjectValue(_ => new ImportedAppleDeviceIdentityCollectionResponse());
                if (parsed?.Value != null) facts.AddRange(parsed.Value);
            }
            else if (path.EndsWith("/enrollmentProfiles", StringComparison.OrdinalIgnoreCase))
                node.GetObjectValue(_ => new EnrollmentProfileCollectionResponse());
            else if (path.EndsWith("/depOnboardingSettings", StringComparison.OrdinalIgnoreCase))
                node.GetObjectValue(_ => new DepOnboardingSettingCollectionResponse());
            else if (path.EndsWith("/applePushNotificationCertificate", StringComparison.OrdinalIgnoreCase))
                node.GetObjectValue(Microsoft.Graph.Models.ApplePushNotificationCertificate.CreateFromDiscriminatorValue);
            else if (path.EndsWith("/vppTokens", StringComparison.OrdinalIgnoreCase))
                node.GetObjectValue(Microsoft.Graph.Models.VppTokenCollectionResponse.CreateFromDiscriminatorValue);
            else
                node.GetObjectValue(_ => new StringValueResponse());
        }

        private static (TimeSpan Time, long Peak, int Count) Median(List<(TimeSpan Time, long Peak, int Count)> xs)
        {
            xs.Sort((a, b) => a.Time.CompareTo(b.Time));
            var mid = xs[xs.Count / 2];
            var peaks = xs.ConvertAll(x => x.Peak);
            peaks.Sort();
            return (mid.Time, peaks[peaks.Count / 2], mid.Count);
        }

        private static async Task<(TimeSpan, long, int)> Measure(Func<Task<int>> run)
        {
            GC.Collect(2, GCCollectionMode.Forced, true, true);
            GC.WaitForPendingFinalizers();
            var baseline = GC.GetTotalMemory(true);
            long peak = 0;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                    await Task.Delay(5).ConfigureAwait(false);
                }
            });
            var sw = Stopwatch.StartNew();
            var count = await run();
            sw.Stop();
            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
            stop.Cancel();
            await sampler;
            return (sw.Elapsed, Math.Max(peak, 1), count);
        }

        private static async Task<int> RunStreamingAsync(AdeGraphService service, string tokenId, int limit = int.MaxValue)
        {
            var facts = new DeviceFacts(5);
            await service.ListDevicesAsync(tokenId, d => { facts.Add(d); return facts.TotalCount < limit; }, default);
            return facts.TotalCount;
        }

        private static async Task<int> RunBufferedAsync(AdeGraphService service, string tokenId)
        {
            var all = new List<ImportedAppleDeviceIdentity>();
            await service.ListDevicesAsync(tokenId, d => { all.Add(d); return true; }, default);
            var facts = new DeviceFacts(5);
            facts.AddRange(all);
            return facts.TotalCount;
        }

        private static async Task<AdeGraphConnection> ConnectAsync(Uri baseUrl)
        {
            using var http = new HttpClient();
            var body = new StringContent("{\"roles\":[\"DeviceManagementServiceConfig.Read.All\"]}", Encoding.UTF8, "application/json");
            using var resp = await http.PostAsync(new Uri(baseUrl, "/_sim/token"), body);
            resp.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await resp.Content.ReadAsStringAsync());
            var secure = new SecureString();
            foreach (var ch in doc.RootElement.GetProperty("access_token").GetString()!) secure.AppendChar(ch);
            return await AdeGraphConnection.ConnectAsync(new ConnectOptions { AuthType = AuthType.AccessToken, AccessToken = secure, GraphEndpoint = baseUrl }, default);
        }

        private static Process StartSimulator(string dll, string scenario, out Uri baseUrl)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add(dll);
            psi.ArgumentList.Add("--scenario");
            psi.ArgumentList.Add(scenario);
            var p = Process.Start(psi)!;
            baseUrl = new Uri(p.StandardOutput.ReadLine()!);
            return p;
        }
    }
}
