using System;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Health;

namespace AdeTokens.Commands
{
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
        [ValidateRange(1, HealthCheckRequest.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = HealthCheckRequest.DefaultThrottleLimit;

        private HealthOptions _options = new HealthOptions();
        private DateTimeOffset _asOf;
        private HealthInput _input = null!;
        private AdeGraphConnection? _connection;

        private string? TenantId => _connection is null ? null : _connection.Claims.TenantId ?? _connection.Options.TenantId;

        protected override void BeginProcessing()
        {
            _options = new HealthOptions { WarningDays = WarningDays, CriticalDays = CriticalDays, StaleSyncHours = StaleSyncHours };
            try
            {
                _options.Validate();
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.Create(e, "InvalidHealthThreshold", ErrorCategory.InvalidArgument, e.ParamName ?? "Thresholds",
                    e.Message, "Give CriticalDays at or below WarningDays, and no negative values."));
            }
            _asOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf : DateTimeOffset.UtcNow;
            // Offline input needs no connection; the Graph set and the profile and device checks do.
            if (ParameterSetName == GraphSet || IncludeProfiles || IncludeDevices) _connection = RequireConnection();
            _input = new HealthInput(this, s => TokenStatusBuilder.Build(s, _asOf, _options, TenantId));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputSet)
            {
                if (InputObject != null) _input.Add(InputObject);
            }
            else if (ParameterSetName == PathSet)
            {
                foreach (var p in Path) _input.AddFile(p);
            }
        }

        protected override void EndProcessing()
        {
            // Offline input still gets APNs and profile facts when a connection exists.
            _connection ??= SessionStore.Current;
            var service = _connection is null ? null : new AdeGraphService(_connection);
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
            var names = new NamePatterns(Name);
            if (ParameterSetName != GraphSet) request.Tokens = _input.Tokens;
            else if (Id != null && Id.Length > 0) request.TokenIds = Id;
            else if (names.Any) request.Filter = t => names.Matches(t.TokenName);

            HealthCheckOutcome outcome;
            try
            {
                outcome = RunAsync((pipe, ct) => new HealthCheckEngine(service, TenantId).RunAsync(request, new HealthPipeObserver(pipe), ct));
            }
            catch (AdeGraphException e)
            {
                // Without the token list there is no verdict, and that must never look like "nothing wrong".
                ThrowTerminatingError(ErrorRecords.From(e, "depOnboardingSettings"));
                return;
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, "Checking ADE tokens", "Done") { RecordType = ProgressRecordType.Completed });
            }
            // A literal -Name that matches nothing is reported after the run, as Get-Process does.
            if (ParameterSetName == GraphSet && (Id is null || Id.Length == 0))
                foreach (var n in names.Unmatched(outcome.Results.Select(r => r.TokenName))) _input.Fail(ErrorRecords.From(RemediationException.TokenNameNotFound(n)));
            var summary = new HealthSummary(outcome.Results, _input.Failed || outcome.InputFailed);
            if (summary.NothingFound) WriteWarning(HealthSummary.NothingFoundWarning);
            if (Quiet) WriteObject(summary.AllHealthy);
            else foreach (var r in outcome.Results) WriteObject(r);
            WriteInformation(new InformationRecord(summary.Text, "Test-AdeTokenHealth") { Tags = { "AdeTokens", "Summary" } });

            if (FailOn == HealthFailLevel.None) return;
            var failing = summary.AtOrAbove(FailOn == HealthFailLevel.Warning ? HealthStatus.Warning : HealthStatus.Critical);
            if (failing.Count == 0) return;
            var message = HealthSummary.FailureMessage(failing, FailOn.ToString());
            ThrowTerminatingError(ErrorRecords.Create(new InvalidOperationException(message), "AdeTokenHealthCheckFailed", ErrorCategory.InvalidResult,
                failing.Select(r => r.TokenId).ToArray(), message, "Run Test-AdeTokenHealth | Format-List to see each finding's remediation steps."));
        }
    }
}
