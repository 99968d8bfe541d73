using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Sync;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsData.Sync, "AdeToken", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TokenStatus))]
    public sealed class SyncAdeTokenCommand : AdeGraphCmdletBase
    {
        private const string IdSet = "Id";
        private const string NameSet = "Name";
        private const string InputSet = "InputObject";

        // Not by property name: a profile or device also has an Id, and it is not a token id. Piped objects
        // bind InputObject, which takes the token's Id from a token and TokenId from everything else.
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

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

        // Without it, -Wait skips tokens a sync cannot fix (expired, terms not accepted): waiting would only
        // run into the timeout.
        [Parameter]
        public SwitchParameter WaitAll { get; set; }

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
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private SyncService _sync = null!;

        protected override void BeginWithGraph() => _sync = new SyncService(Service, ConnectedTenantId);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == NameSet)
            {
                foreach (var token in SelectTokensByName(Name)) Request(token);
                return;
            }
            var ids = ParameterSetName == InputSet ? InputObject.Select(i => PipelineInput.TokenId(this, i)) : Id;
            foreach (var id in ids)
            {
                // One read per token per command, however many of its devices or profiles came down the pipe.
                if (string.IsNullOrWhiteSpace(id) || _requested.Contains(id!) || !_seen.Add(id!)) continue;
                if (GetTokenOrWriteError(id!) is { } token) Request(token);
            }
        }

        protected override void EndProcessing()
        {
            if (_pending.Count == 0) return;
            var waiter = _sync.Waiter(TimeSpan.FromSeconds(Timeout), TimeSpan.FromSeconds(PollSeconds), listWhenMany: true);
            RunAsync((pipe, ct) => waiter.WaitAsync(
                _pending,
                p => pipe.WriteProgress(Records.SyncProgress(p)),
                o => pipe.Post(_ => Report(o, waiter.Timeout)),
                ct));
        }

        private void Request(DepOnboardingSetting token)
        {
            var id = token.Id ?? string.Empty;
            var plan = _sync.Plan(token, Force, DateTimeOffset.UtcNow);
            var label = plan.Label;
            if (!_requested.Add(id))
            {
                WriteVerbose($"{label} came up more than once; it is handled once per command.");
                return;
            }
            if (plan.Refusal != null)
            {
                WriteError(ErrorRecords.From(plan.Refusal));
                return;
            }
            if (plan.ForcedWarning != null) WriteWarning(plan.ForcedWarning);
            if (!ShouldProcess(label, plan.Action)) return;
            if (plan.Blocker != null) WriteWarning(plan.Blocker.Warning(label, Wait && !WaitAll));

            try
            {
                RunAsync((_, ct) => _sync.RequestAsync(id, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(Records.SyncRequestFailed(e, id, label, plan.Gate));
                return;
            }
            var requestedAt = DateTimeOffset.UtcNow;
            WriteVerbose($"Requested a sync of {label} at {InvariantText.UtcSeconds(requestedAt)}. Intune gives a sync up to 15 minutes.");

            if (plan.Waits(Wait, WaitAll))
            {
                _pending.Add(new PendingSync(token, requestedAt));
                if (plan.ExistingErrorWarning(TimeSpan.FromSeconds(Timeout)) is { } existing) WriteWarning(existing);
                return;
            }
            if (Wait || !PassThru) return;
            try
            {
                var after = RunAsync((_, ct) => _sync.ReadAsync(id, ct));
                if (after is null) WriteError(ErrorRecords.From(RemediationException.TokenNotFound(id)));
                else WriteObject(_sync.Status(after, DateTimeOffset.UtcNow));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, id));
            }
        }

        private void Report(SyncWaitOutcome outcome, TimeSpan timeout)
        {
            WriteProgress(Records.SyncProgressDone(outcome));
            var c = SyncConclusion.Of(outcome, timeout, DateTimeOffset.UtcNow, _sync.Status);
            if (c.Error != null)
            {
                WriteError(ErrorRecords.From(c.Error, outcome.Sync.TokenId));
                return;
            }
            WriteVerbose(c.Verbose!);
            WriteObject(c.Status);
            if (c.Warning != null) WriteWarning(c.Warning);
            if (c.Finding != null) Records.WriteFinding(this, c.Finding);
        }
    }
}
