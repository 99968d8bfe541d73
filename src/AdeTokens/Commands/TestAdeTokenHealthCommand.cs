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
using AdeTokens.Remediation;

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

        // Defaults and ranges are HealthOptions', so Get-AdeTokenStatus (which takes none of these) judges the same way.
        [Parameter]
        [ValidateRange(0, HealthOptions.MaxDays)]
        public int WarningDays { get; set; } = HealthOptions.DefaultWarningDays;

        [Parameter]
        [ValidateRange(0, HealthOptions.MaxDays)]
        public int CriticalDays { get; set; } = HealthOptions.DefaultCriticalDays;

        [Parameter]
        [ValidateRange(HealthOptions.MinStaleSyncHours, HealthOptions.MaxStaleSyncHours)]
        public double StaleSyncHours { get; set; } = HealthOptions.DefaultStaleSyncHours;

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

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = HealthCheckRequest.DefaultThrottleLimit;

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
            if (Io.FolderPath.Check(resolved, "snapshot file", "depOnboardingSettings.json") is Io.PathIsFolderException folder)
            {
                _inputFailed = true;
                WriteError(RemediationErrors.From(folder, path));
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
                foreach (var s in read()) _pending.Add(TokenStatusBuilder.Build(s, _asOf, _options, ConnectedTenantId));
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
            var request = new HealthCheckRequest
            {
                Options = _options,
                AsOf = _asOf,
                IncludeTenant = ParameterSetName == GraphSet || includeProfiles,
                IncludeProfiles = includeProfiles,
                IncludeDevices = IncludeDevices,
                ThrottleLimit = ThrottleLimit,
            };
            if (ParameterSetName != GraphSet) request.Tokens = _pending;
            else if (Id != null && Id.Length > 0) request.TokenIds = Id;
            else request.Filter = NameFilter(Name);

            HealthCheckOutcome outcome;
            try
            {
                outcome = RunAsync((pipe, ct) => new HealthCheckEngine(service, ConnectedTenantId).RunAsync(request, new PipeObserver(pipe), ct));
            }
            catch (AdeGraphException e)
            {
                // Without the token list there is no verdict, and that must never look like "nothing wrong".
                ThrowTerminatingError(GraphError(e, "depOnboardingSettings"));
                return;
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, "Checking ADE tokens", "Done") { RecordType = ProgressRecordType.Completed });
            }
            if (ParameterSetName == GraphSet && (Id is null || Id.Length == 0) && Name != null) ReportUnmatchedNames(outcome.Results);
            var ordered = outcome.Results;
            var inputFailed = _inputFailed || outcome.InputFailed;

            var healthy = ordered.Count(r => r.Status == HealthStatus.Healthy);
            var warning = ordered.Count(r => r.Status == HealthStatus.Warning);
            var critical = ordered.Count(r => r.Status == HealthStatus.Critical);
            if (ordered.Count == 0 && !inputFailed)
                WriteWarning("No ADE tokens were found, so there is nothing to check. If this tenant uses Apple ADE, check that the app has DeviceManagementServiceConfig.Read.All and an Intune role that covers enrollment programs.");

            if (Quiet)
            {
                WriteObject(ordered.Count > 0 && warning == 0 && critical == 0 && !inputFailed);
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

        // -Name: wildcards match, as Get-Process's do; a literal name that matches nothing is reported after the run.
        private static Func<DepOnboardingSetting, bool>? NameFilter(string[]? names)
        {
            if (names is null || names.Length == 0) return null;
            var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            return s => patterns.Any(p => p.IsMatch(s.TokenName ?? string.Empty));
        }

        private void ReportUnmatchedNames(IReadOnlyList<HealthResult> results)
        {
            foreach (var n in Name!.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
            {
                var p = new WildcardPattern(n, WildcardOptions.IgnoreCase);
                if (!results.Any(r => p.IsMatch(r.TokenName ?? string.Empty)))
                {
                    _inputFailed = true;
                    WriteError(RemediationErrors.TokenNameNotFound(n));
                }
            }
        }

        // The engine reports from worker threads; everything it says is posted to the pipeline thread.
        private sealed class PipeObserver : IHealthCheckObserver
        {
            private readonly AsyncPipe _pipe;

            public PipeObserver(AsyncPipe pipe) => _pipe = pipe;

            public void OnProgress(HealthCheckProgress p)
            {
                var devices = p.DevicesRead > 0 ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "; {0:N0} devices read", p.DevicesRead) : string.Empty;
                _pipe.WriteProgress(new ProgressRecord(1, "Checking ADE tokens", $"{p.TokensDone} of {p.TokensTotal} token(s) checked{devices}")
                {
                    PercentComplete = p.TokensTotal == 0 ? 100 : Math.Min(100, p.TokensDone * 100 / p.TokensTotal),
                });
            }

            public void OnError(Exception error, string target, string notChecked)
            {
                var record = GraphError(error, target);
                var message = $"{error.Message} Not checked: {notChecked}; the token's result carries CheckIncomplete instead of a clean bill.";
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = record.ErrorDetails?.RecommendedAction ?? string.Empty };
                _pipe.WriteError(record);
            }

            public void OnWarning(string message) => _pipe.WriteWarning(message);

            public void OnTokenNotFound(string id) => _pipe.WriteError(RemediationErrors.From(RemediationException.TokenNotFound(id)));
        }
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
