using System;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
namespace AdeTokens.Sync
{
    /// <summary>
    /// The manual sync, shared by Sync-AdeToken and the guided renewal: the interval gate, the request, the wait
    /// and the words for each way it ends.
    /// </summary>
    public sealed class SyncService
    {
        private readonly AdeGraphService _service;
        private readonly string? _tenantId;

        /// <summary>Creates the service over Graph; <paramref name="tenantId"/> goes on the TokenStatus objects it builds.</summary>
        public SyncService(AdeGraphService service, string? tenantId)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _tenantId = tenantId;
        }

        /// <summary>The token's status as Get-AdeTokenStatus shows it.</summary>
        public TokenStatus Status(DepOnboardingSetting token, DateTimeOffset now) => TokenStatusBuilder.Build(token, now, null, _tenantId);

        /// <summary>Checks the interval and whether a sync can help, before anything is sent.</summary>
        public SyncRequestPlan Plan(DepOnboardingSetting token, bool force, DateTimeOffset now)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            var label = TokenLabel.Of(token);
            var gate = ManualSyncRule.Check(token.LastSyncTriggeredDateTime, now);
            RemediationException? refusal = null;
            string? warning = null;
            if (!gate.Allowed)
            {
                if (!force) refusal = ManualSyncRule.TooSoon(label, token.Id ?? string.Empty, gate);
                else warning = $"A sync of {label} was requested at {InvariantText.UtcSeconds(gate.LastTriggered!.Value)}, less than {ManualSyncRule.Interval.TotalMinutes:0} minutes ago. Requesting another because of -Force; Intune may refuse it.";
            }
            return new SyncRequestPlan(token, gate, refusal, warning, SyncUsefulness.Check(Status(token, now), now));
        }

        /// <summary>Asks Intune to sync (syncWithAppleDeviceEnrollmentProgram).</summary>
        public Task RequestAsync(string tokenId, CancellationToken cancellationToken) => _service.SyncAsync(tokenId, cancellationToken);

        /// <summary>Reads the token, or null when it is gone.</summary>
        public Task<DepOnboardingSetting?> ReadAsync(string tokenId, CancellationToken cancellationToken) => _service.GetTokenAsync(tokenId, cancellationToken);

        /// <summary>A waiter over Graph; with <paramref name="listWhenMany"/>, several tokens are read with one list per poll.</summary>
        public SyncWaiter Waiter(TimeSpan? timeout, TimeSpan pollInterval, bool listWhenMany)
        {
            var service = _service;
            var waiter = listWhenMany
                ? new SyncWaiter(service.GetTokenAsync, null, async ct => await service.ListAllTokensAsync(ct).ConfigureAwait(false))
                : new SyncWaiter(service.GetTokenAsync);
            if (timeout.HasValue) waiter.Timeout = timeout.Value;
            waiter.PollInterval = pollInterval;
            return waiter;
        }

        /// <summary>The warning for a wait on a token that already reports an error code Graph cannot tell apart from a new one.</summary>
        public static string ExistingErrorWarning(string label, int code, TimeSpan timeout)
            => $"{label} already reports sync error code {code}. Graph has no field that shows a sync ended with the same error again, so the wait can only see success or a different code; otherwise it ends after {ManualSyncRule.Describe(timeout)} saying no result was seen.";

        /// <summary>
        /// True when a refused request most likely is the manual-sync interval: Graph's answer to a too-early sync is
        /// undocumented, and a 400/409 on this action most likely is that.
        /// </summary>
        public static bool IsRejection(AdeGraphException e) => e != null && e.Kind == GraphFailureKind.InvalidRequest;

        /// <summary>The SyncRejected message: the interval, when the last sync was and when the next is allowed.</summary>
        public static string RejectedMessage(AdeGraphException e, string label, SyncGate gate)
        {
            var interval = $"Intune allows one manual sync every {ManualSyncRule.Interval.TotalMinutes:0} minutes";
            var when = gate.NextAllowedAt.HasValue
                ? $"{interval}; the last one was requested at {InvariantText.UtcSeconds(gate.LastTriggered!.Value)}, so the next is allowed at {InvariantText.UtcSeconds(gate.NextAllowedAt.Value)}."
                : interval + ".";
            return $"Intune refused the sync request for {label}. {when} {e.Message}";
        }

        /// <summary>The SyncRejected recommended action.</summary>
        public static string RejectedAction(SyncGate gate)
            => gate.NextAllowedAt.HasValue && !gate.Allowed
                ? $"Run Sync-AdeToken again after {InvariantText.UtcSeconds(gate.NextAllowedAt.Value)}."
                : "Wait 15 minutes and run Sync-AdeToken again. If it keeps failing, give Microsoft support the request-id.";

        /// <summary>SyncWaitTimedOut for a wait that saw no result.</summary>
        public static RemediationException TimedOut(SyncWaitOutcome outcome, TimeSpan timeout)
        {
            var id = outcome.Sync.TokenId;
            return new RemediationException(RemediationErrorIds.SyncWaitTimedOut, RemediationErrorKind.Timeout,
                outcome.Describe(timeout),
                $"The sync may still finish: check later with Get-AdeTokenStatus -Id {id}. If nothing changes for hours, run Test-AdeTokenHealth -Id {id}.",
                id);
        }

        /// <summary>The failure of a wait whose reads failed: the Graph failure itself, or SyncWaitFailed.</summary>
        public static AdeException ReadFailed(SyncWaitOutcome outcome, TimeSpan timeout)
        {
            var id = outcome.Sync.TokenId;
            return outcome.Error as AdeGraphException
                ?? (AdeException)new RemediationException(RemediationErrorIds.SyncWaitFailed, RemediationErrorKind.InvalidResult,
                    outcome.Describe(timeout), $"Check the result later with Get-AdeTokenStatus -Id {id}.", id, outcome.Error);
        }
    }
}
