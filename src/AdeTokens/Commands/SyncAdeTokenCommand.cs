using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsData.Sync, "AdeToken", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TokenStatus), typeof(HealthFinding))]
    public sealed class SyncAdeTokenCommand : AdeCmdletBase
    {
        private const string IdSet = "Id";
        private const string NameSet = "Name";

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = NameSet, Mandatory = true)]
        [Alias("TokenName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        // Seconds, like Wait-Job -Timeout. The default is the 15 minutes Intune gives one sync.
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = (int)ManualSyncRule.SyncDuration.TotalSeconds;

        [Parameter]
        [ValidateRange(1, 300)]
        public int PollSeconds { get; set; } = 10;

        [Parameter]
        public SwitchParameter PassThru { get; set; }
        private readonly List<PendingSync> _pending = new List<PendingSync>();
        private readonly HashSet<string> _requested = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            UseGraph();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == NameSet)
            {
                foreach (var token in SelectTokensByName(Name)) Request(token);
                return;
            }
            foreach (var id in Id)
            {
                var token = GetTokenOrWriteError(id);
                if (token is null) continue;
                Request(token);
            }
        }

        protected override void EndProcessing()
        {
            if (_pending.Count == 0) return;
            var waiter = new SyncWaiter(Service!.GetTokenAsync)
            {
                Timeout = TimeSpan.FromSeconds(Timeout),
                PollInterval = TimeSpan.FromSeconds(PollSeconds),
            };
            RunAsync((pipe, ct) => waiter.WaitAsync(
                _pending,
                p => pipe.WriteProgress(RemediationErrors.SyncProgress(p)),
                o => pipe.Post(_ => Report(o, waiter.Timeout)),
                ct));
        }

        private void Request(DepOnboardingSetting token)
        {
            var id = token.Id ?? string.Empty;
            var label = RemediationErrors.Label(token);
            if (!_requested.Add(id))
            {
                WriteVerbose($"{label} came up more than once; it is handled once per command.");
                return;
            }

            var gate = ManualSyncRule.Check(token.LastSyncTriggeredDateTime, DateTimeOffset.UtcNow);
            if (!gate.Allowed)
            {
                if (!Force)
                {
                    WriteError(RemediationErrors.From(ManualSyncRule.TooSoon(label, id, gate)));
                    return;
                }
                WriteWarning($"A sync of {label} was requested at {ManualSyncRule.Utc(gate.LastTriggered!.Value)}, less than {ManualSyncRule.Interval.TotalMinutes:0} minutes ago. Requesting another because of -Force; Intune may refuse it.");
            }

            if (!ShouldProcess(label, "Request a sync with Apple Business Manager (syncWithAppleDeviceEnrollmentProgram)")) return;

            try
            {
                RunAsync((_, ct) => Service!.SyncAsync(id, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(RemediationErrors.SyncRequestFailed(e, id, label, gate));
                return;
            }
            var requestedAt = DateTimeOffset.UtcNow;
            WriteVerbose($"Requested a sync of {label} at {ManualSyncRule.Utc(requestedAt)}. Intune gives a sync up to 15 minutes.");

            if (Wait)
            {
                _pending.Add(new PendingSync(token, requestedAt));
                return;
            }
            if (!PassThru) return;
            try
            {
                var after = RunAsync((_, ct) => Service!.GetTokenAsync(id, ct));
                if (after is null) WriteError(RemediationErrors.From(RemediationException.TokenNotFound(id)));
                else WriteObject(TokenStatusBuilder.Build(after, DateTimeOffset.UtcNow, null, ConnectedTenantId));
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, id));
            }
        }

        private void Report(SyncWaitOutcome outcome, TimeSpan timeout)
        {
            WriteProgress(RemediationErrors.SyncProgressDone(outcome));
            var id = outcome.Sync.TokenId;
            switch (outcome.State)
            {
                case SyncWaitState.Succeeded:
                case SyncWaitState.Failed:
                    var now = DateTimeOffset.UtcNow;
                    var status = TokenStatusBuilder.Build(outcome.After!, now, null, ConnectedTenantId);
                    WriteVerbose(outcome.Describe(timeout));
                    WriteObject(status);
                    if (outcome.State == SyncWaitState.Failed)
                    {
                        WriteWarning(SyncReport.FailedWarning(outcome.Sync, outcome.NewErrorCode ?? 0));
                        var finding = SyncReport.FindingFor(status, now);
                        if (finding != null) WriteObject(finding);
                    }
                    break;
                case SyncWaitState.TokenGone:
                    WriteError(RemediationErrors.From(RemediationException.TokenNotFound(id)));
                    break;
                case SyncWaitState.ReadFailed:
                    WriteError(outcome.Error is AdeGraphException g
                        ? GraphError(g, id)
                        : RemediationErrors.From(new RemediationException(RemediationErrorIds.SyncWaitFailed, RemediationErrorKind.InvalidResult,
                            outcome.Describe(timeout), $"Check the result later with Get-AdeTokenStatus -Id {id}.", id, outcome.Error)));
                    break;
                default:
                    WriteError(RemediationErrors.SyncTimedOut(outcome, timeout));
                    break;
            }
        }
    }
}
