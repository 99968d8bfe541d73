using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Reflection;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using AdeTokens.Graph;

namespace AdeTokens.Tests.Infrastructure
{
    /// <summary>Runs the simulated tenant as a real process on 127.0.0.1 for end-to-end tests.</summary>
    public sealed class Simulator : IDisposable
    {
        private readonly Process _process;
        private static readonly HttpClient s_http = new HttpClient();

        private Simulator(Process process, Uri baseUrl, string identityHeader)
        {
            _process = process;
            BaseUrl = baseUrl;
            IdentityHeader = identityHeader;
        }

        public Uri BaseUrl { get; }
        public string IdentityHeader { get; }

        public static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AdeTokens.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
            }
        }

        public static string Scenario(string name) => Path.Combine(RepoRoot, "tests", "scenarios", name);

        public static Simulator Start(string scenarioName)
        {
            var config = typeof(Simulator).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var dll = Path.Combine(RepoRoot, "tests", "AdeTokens.Simulator", "bin", config, "net10.0", "AdeTokens.Simulator.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException("Build the simulator first (dotnet build AdeTokens.sln).", dll);
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(dll);
            psi.ArgumentList.Add("--scenario");
            psi.ArgumentList.Add(Scenario(scenarioName));
            var p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the simulator.");
            p.ErrorDataReceived += (_, __) => { };
            p.BeginErrorReadLine();
            var url = p.StandardOutput.ReadLine();
            var header = p.StandardOutput.ReadLine();
            if (url is null || !url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                throw new InvalidOperationException("The simulator did not print its URL: " + url);
            var identity = header != null && header.StartsWith("IDENTITY_HEADER=", StringComparison.Ordinal) ? header.Substring("IDENTITY_HEADER=".Length) : string.Empty;
            return new Simulator(p, new Uri(url), identity);
        }

        public async Task<string> MintTokenAsync(params string[] roles)
        {
            var body = JsonSerializer.Serialize(new { roles });
            using var resp = await s_http.PostAsync(new Uri(BaseUrl, "/_sim/token"), new StringContent(body, Encoding.UTF8, "application/json"));
            resp.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await resp.Content.ReadAsStringAsync());
            return doc.RootElement.GetProperty("access_token").GetString()!;
        }

        public async Task SetFaultsAsync(object faults)
        {
            using var resp = await s_http.PutAsync(new Uri(BaseUrl, "/_sim/faults"), new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json"));
            resp.EnsureSuccessStatusCode();
        }

        public async Task ClearFaultsAsync()
        {
            using var resp = await s_http.DeleteAsync(new Uri(BaseUrl, "/_sim/faults"));
            resp.EnsureSuccessStatusCode();
        }

        public async Task<JsonElement[]> RequestsAsync()
        {
            var text = await s_http.GetStringAsync(new Uri(BaseUrl, "/_sim/requests"));
            using var doc = JsonDocument.Parse(text);
            var list = new System.Collections.Generic.List<JsonElement>();
            foreach (var e in doc.RootElement.EnumerateArray()) list.Add(e.Clone());
            return list.ToArray();
        }

        public async Task ClearRequestsAsync()
        {
            using var resp = await s_http.DeleteAsync(new Uri(BaseUrl, "/_sim/requests"));
            resp.EnsureSuccessStatusCode();
        }

        public async Task<AdeGraphConnection> ConnectAsync(params string[] roles)
        {
            var token = await MintTokenAsync(roles);
            var secure = new SecureString();
            foreach (var ch in token) secure.AppendChar(ch);
            return await AdeGraphConnection.ConnectAsync(new ConnectOptions
            {
                AuthType = AuthType.AccessToken,
                AccessToken = secure,
                GraphEndpoint = BaseUrl,
                MaxRetry = 3,
            }, default);
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000)) _process.Kill(true);
            }
            catch (InvalidOperationException)
            {
            }
            _process.Dispose();
        }
    }
}
