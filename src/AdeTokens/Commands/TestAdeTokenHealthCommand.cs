using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Health;

namespace AdeTokens.Commands
{
    /// <summary>Where Test-AdeTokenHealth's -FailOn draws the line.</summary>
    public enum HealthFailLevel
    {
        /// <summary>Never fail.</summary>
        None,
        /// <summary>Fail on Warning or Critical.</summary>
        Warning,
        /// <summary>Fail on Critical only.</summary>
        Critical,
    }

    [Cmdlet(VerbsDiagnostic.Test, "AdeTokenHealth", DefaultParameterSetName = GraphSet)]
    [OutputType(typeof(HealthResult), ParameterSetName = new[] { GraphSet, InputSet, PathSet })]
    [OutputType(typeof(bool))]
    public sealed class TestAdeTokenHealthCommand : AdeCmdletBase
    {
        private const string GraphSet = "Graph";
        private const string InputSet = "InputObject";
        private const string PathSet = "Path";

        [Parameter(ParameterSetName = GraphSet)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[]? Id { get; set; }

        [Parameter(ParameterSetName = GraphSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateRange(0, 3650)]
        public int WarningDays { get; set; } = 30;

        [Parameter]
        [ValidateRange(0, 3650)]
        public int CriticalDays { get; set; } = 7;

        [Parameter]
        [ValidateRange(1, 8760)]
        public double StaleSyncHours { get; set; } = 36;

        [Parameter]
        public DateTimeOffset AsOf { get; set; }

        [Parameter]
        public SwitchParameter IncludeProfiles { get; set; }

        [Parameter]
        public SwitchParameter IncludeDevices { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        [Parameter]
        public HealthFailLevel FailOn { get; set; } = HealthFailLevel.None;

        private HealthOptions _options = new HealthOptions();
        private DateTimeOffset _asOf;
        private readonly List<TokenStatus> _pending = new List<TokenStatus>();
        private bool _inputFailed;

        protected override void BeginProcessing()
        {
            _options = new HealthOptions { WarningDays = WarningDays, CriticalDays = CriticalDays, StaleSyncHours = StaleSyncHours };
            try
            {
                _options.Validate();
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "InvalidHealthThreshold", ErrorCategory.InvalidArgument, e.ParamName ?? "Thresholds")
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Give CriticalDays at or below WarningDays, and no negative values." },
                });
            }
            _asOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf : DateTimeOffset.UtcNow;
            if (ParameterSetName == GraphSet || IncludeProfiles || IncludeDevices) UseGraph();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputSet)
            {
                if (InputObject is null) return;
                AddInput(InputObject);
            }
            else if (ParameterSetName == PathSet)
            {
                foreach (var p in Path) ReadSnapshot(p);
            }
        }

        private void AddInput(PSObject input)
        {
            switch (input.BaseObject)
            {
                case TokenStatus status:
                    _pending.Add(status);
                    return;
                case HealthResult result when result.Token != null:
                    _pending.Add(result.Token);
                    return;
            }
            // ConvertFrom-Json output: a Graph response body, an array, or one setting.
            string json;
            try
            {
                json = PsJson.Serialize(input);
            }
            catch (NotSupportedException e)
            {
                _inputFailed = true;
                WriteError(new ErrorRecord(e, "UnsupportedHealthInput", ErrorCategory.InvalidType, input)
                {
                    ErrorDetails = new ErrorDetails($"Test-AdeTokenHealth cannot read a {input.BaseObject?.GetType().Name} as an ADE token.")
                    {
                        RecommendedAction = "Pipe Get-AdeTokenStatus output, or ConvertFrom-Json output of a depOnboardingSettings response.",
                    },
                });
                return;
            }
            AddSettings(() => SnapshotReader.Parse(json, "pipeline input"), input);
        }

        private void ReadSnapshot(string path)
        {
            string resolved;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is NotSupportedException)
            {
                _inputFailed = true;
                WriteError(new ErrorRecord(e, "SnapshotNotFound", ErrorCategory.ObjectNotFound, path));
                return;
            }
            if (!File.Exists(resolved))
            {
                _inputFailed = true;
                WriteError(new ErrorRecord(new FileNotFoundException($"The snapshot file '{resolved}' does not exist.", resolved), "SnapshotNotFound", ErrorCategory.ObjectNotFound, path)
                {
                    ErrorDetails = new ErrorDetails($"The snapshot file '{resolved}' does not exist.") { RecommendedAction = "Check the path. A snapshot is the JSON body of GET /beta/deviceManagement/depOnboardingSettings." },
                });
                return;
            }
            AddSettings(() => SnapshotReader.ReadFile(resolved), path);
        }

        private void AddSettings(Func<IReadOnlyList<DepOnboardingSetting>> read, object target)
        {
            try
            {
                foreach (var s in read()) _pending.Add(TokenStatusBuilder.Build(s, _asOf, _options.ToStatusThresholds(), ConnectedTenantId));
            }
            catch (SnapshotFormatException e)
            {
                _inputFailed = true;
                WriteError(new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidData, target)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Fix the JSON at the position given, or export the snapshot again (Get-AdeTokenStatus | Select-Object -ExpandProperty Raw | ConvertTo-Json)." },
                });
            }
            catch (IOException e)
            {
                _inputFailed = true;
                WriteError(new ErrorRecord(e, "SnapshotUnreadable", ErrorCategory.ReadError, target));
            }
        }

        protected override void EndProcessing()
        {
            // Offline input still gets APNs and profile facts when a connection exists.
            var service = Service ?? (SessionStore.Current != null ? UseGraph() : null);
            var includeProfiles = IncludeProfiles || IncludeDevices;

            if (ParameterSetName == GraphSet) LoadFromGraph();

            TenantFacts? tenant = null;
            if (service != null && (ParameterSetName == GraphSet || includeProfiles))
            {
                try
                {
                    tenant = RunAsync((_, ct) => new HealthFactsCollector(service).GetTenantFactsAsync(ct));
                }
                catch (AdeGraphException e)
                {
                    WriteError(GraphError(e, "applePushNotificationCertificate"));
                }
            }

            var results = new List<HealthResult>();
            var index = 0;
            foreach (var token in _pending)
            {
                index++;
                ProfileFacts? profiles = null;
                DeviceFacts? devices = null;
                if (includeProfiles && service != null && !string.IsNullOrEmpty(token.Id))
                {
                    WriteProgress(new ProgressRecord(1, "Checking ADE tokens", $"Profiles of {token.Name}") { PercentComplete = Percent(index, _pending.Count) });
                    try
                    {
                        var collector = new HealthFactsCollector(service);
                        profiles = RunAsync((_, ct) => collector.GetProfileFactsAsync(token.Id, ct));
                        if (IncludeDevices)
                        {
                            var total = token.SyncedDeviceCount ?? 0;
                            devices = RunAsync((pipe, ct) => collector.GetDeviceFactsAsync(token.Id, _options.DeviceSampleSize, n =>
                                {
                                var p = RemediationErrors.DeviceProgress(2, $"Reading devices of {token.Name}", n, total);
                                p.ParentActivityId = 1;
                                pipe.WriteProgress(p);
                            }, ct));
                        }
                    }
                    catch (AdeGraphException e)
                    {
                        WriteError(GraphError(e, token.Id));
                    }
                }
                results.Add(HealthEvaluator.Evaluate(token, _asOf, _options, tenant, profiles, devices));
            }
            WriteProgress(new ProgressRecord(1, "Checking ADE tokens", "Done") { RecordType = ProgressRecordType.Completed });

            // Most urgent first: what an admin reads top-down and what -FailOn names first.
            var ordered = results
                .OrderByDescending(r => r.Status)
                .ThenBy(r => r.DaysUntilExpiry ?? int.MaxValue)
                .ThenBy(r => r.TokenName, StringComparer.OrdinalIgnoreCase)
                .ToList();

            var healthy = ordered.Count(r => r.Status == HealthStatus.Healthy);
            var warning = ordered.Count(r => r.Status == HealthStatus.Warning);
            var critical = ordered.Count(r => r.Status == HealthStatus.Critical);
            if (ordered.Count == 0 && !_inputFailed)
                WriteWarning("No ADE tokens were found, so there is nothing to check. If this tenant uses Apple ADE, check that the app has DeviceManagementServiceConfig.Read.All and an Intune role that covers enrollment programs.");

            if (Quiet)
            {
                WriteObject(ordered.Count > 0 && warning == 0 && critical == 0 && !_inputFailed);
            }
            else
            {
                foreach (var r in ordered) WriteObject(r);
            }
            WriteInformation(new InformationRecord(
                $"ADE token health: {ordered.Count} token(s): {healthy} healthy, {warning} warning, {critical} critical.",
                "Test-AdeTokenHealth") { Tags = { "AdeTokens", "Summary" } });

            if (FailOn != HealthFailLevel.None)
            {
                var threshold = FailOn == HealthFailLevel.Warning ? HealthStatus.Warning : HealthStatus.Critical;
                var failing = ordered.Where(r => r.Status >= threshold).ToList();
                if (failing.Count > 0)
                {
                    var names = string.Join("; ", failing.Select(r => $"{r.TokenName ?? r.TokenId} ({r.Status}: {r.FindingCodes})"));
                    var message = $"{failing.Count} ADE token(s) at or above {FailOn}: {names}.";
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "AdeTokenHealthCheckFailed", ErrorCategory.InvalidResult, failing.Select(r => r.TokenId).ToArray())
                    {
                        ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Run Test-AdeTokenHealth | Format-List to see each finding's remediation steps." },
                    });
                }
            }
        }

        private void LoadFromGraph()
        {
            var thresholds = _options.ToStatusThresholds();
            var settings = new List<DepOnboardingSetting>();
            if (Id != null && Id.Length > 0)
            {
                foreach (var id in Id)
                {
                    var s = GetTokenOrWriteError(id);
                    if (s is null) _inputFailed = true;
                    else settings.Add(s);
                }
            }
            else
            {
                // A failure to list is terminating: without the tokens there is no verdict, and that must never look like "nothing wrong".
                settings = SelectTokensByName(Name);
            }
            foreach (var s in settings) _pending.Add(TokenStatusBuilder.Build(s, _asOf, thresholds, ConnectedTenantId));
        }

        private static int Percent(int i, int n) => n == 0 ? 100 : Math.Min(100, i * 100 / n);
    }

    /// <summary>Serialises ConvertFrom-Json output back to JSON so the snapshot reader handles it like a file.</summary>
    internal static class PsJson
    {
        public static string Serialize(object? value)
        {
            var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                Write(w, value, 0);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Write(Utf8JsonWriter w, object? value, int depth)
        {
            if (depth > 32) throw new NotSupportedException("The input is nested too deeply to be an ADE token.");
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    w.WriteStartObject();
                    foreach (var p in pso.Properties)
                    {
                        if (p.MemberType != PSMemberTypes.NoteProperty) continue;
                        w.WritePropertyName(p.Name);
                        Write(w, p.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    return;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null: w.WriteNullValue(); return;
                case string s: w.WriteStringValue(s); return;
                case bool b: w.WriteBooleanValue(b); return;
                case DateTime dt: w.WriteStringValue(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("o") : dt.ToString("o")); return;
                case DateTimeOffset dto: w.WriteStringValue(dto.ToString("o")); return;
                case int i: w.WriteNumberValue(i); return;
                case long l: w.WriteNumberValue(l); return;
                case double d: w.WriteNumberValue(d); return;
                case decimal m: w.WriteNumberValue(m); return;
                case System.Numerics.BigInteger bi: w.WriteRawValue(bi.ToString()); return;
                case IDictionary dict:
                    w.WriteStartObject();
                    foreach (DictionaryEntry e in dict)
                    {
                        w.WritePropertyName(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(w, e.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    return;
                case IEnumerable seq:
                    w.WriteStartArray();
                    foreach (var item in seq) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    return;
                default:
                    throw new NotSupportedException($"A {value.GetType().FullName} cannot be read as part of an ADE token.");
            }
        }
    }
}
