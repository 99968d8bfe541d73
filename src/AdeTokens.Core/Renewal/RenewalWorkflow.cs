using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Sync;
namespace AdeTokens.Renewal
{
    /// <summary>
    /// Renewing a token: the server token checks and upload that Update-AdeToken runs, and around them the steps
    /// Start-AdeTokenRenewal adds (the key for Apple Business Manager, the wait for the .p7m, the sync). Each step
    /// uses the service its own cmdlet uses: <see cref="PublicKeyExport"/> (Get-AdeTokenPublicKey),
    /// <see cref="TokenRenewal"/> (Update-AdeToken) and <see cref="SyncService"/> (Sync-AdeToken).
    /// </summary>
    public sealed class RenewalWorkflow
    {
        private readonly PublicKeyExport _keys;
        private readonly TokenRenewal _renewal;
        private readonly SyncService _sync;
        private readonly string? _tenantId;

        /// <summary>Creates the workflow over Graph; <paramref name="confirmTimeout"/> is how long to wait for the new expiry.</summary>
        public RenewalWorkflow(AdeGraphService service, string? tenantId, TimeSpan confirmTimeout)
        {
            if (service is null) throw new ArgumentNullException(nameof(service));
            _keys = new PublicKeyExport(service);
            _renewal = TokenRenewal.ForGraph(service);
            _renewal.ConfirmTimeout = confirmTimeout;
            _sync = new SyncService(service, tenantId);
            _tenantId = tenantId;
        }

        /// <summary>Every check before an upload (see <see cref="TokenRenewal.PrepareAsync"/>); reads only.</summary>
        public Task<RenewalPlan> PrepareAsync(string tokenId, string fullPath, string? appleId, bool force, CancellationToken cancellationToken)
            => _renewal.PrepareAsync(tokenId, fullPath, appleId, force, cancellationToken);

        /// <summary>Uploads the planned file and waits for the new expiry (see <see cref="TokenRenewal.ApplyAsync"/>).</summary>
        public Task<RenewalResult> ApplyAsync(RenewalPlan plan, CancellationToken cancellationToken)
            => _renewal.ApplyAsync(plan, _tenantId, cancellationToken);

        /// <summary>
        /// The token, the Apple ID check and the key, so a wrong Apple ID fails before the admin goes to Apple
        /// Business Manager. Warnings for an allowed different Apple ID go to <paramref name="observer"/>.
        /// </summary>
        public async Task<RenewalLookup> LookupAsync(string tokenId, string? appleId, bool force, IRenewalObserver observer, CancellationToken cancellationToken)
        {
            var (token, key) = await _keys.ReadAsync(tokenId, t =>
            {
                foreach (var w in TokenRenewal.CheckAppleId(t, appleId, force)) observer.Warning(w);
            }, cancellationToken).ConfigureAwait(false);
            return new RenewalLookup(token, key);
        }

        /// <summary>True when <paramref name="fullPath"/> already holds the key; throws OutFileExists for another file there without <paramref name="force"/>.</summary>
        public static bool KeyFileIsCurrent(RenewalLookup lookup, string fullPath, bool force)
        {
            if (KeyFile.HasSameContent(fullPath, lookup.Key.ToPem())) return true;
            if (!force && File.Exists(fullPath)) throw KeyFile.Exists(fullPath);
            return false;
        }

        /// <summary>Writes the key (see <see cref="PublicKeyExport.Write"/>).</summary>
        public static void WriteKey(RenewalLookup lookup, string fullPath, bool force) => PublicKeyExport.Write(fullPath, lookup.Key, force);

        /// <summary>
        /// Waits for the server token: at <paramref name="exactPath"/> a file newer than any already there, or else the
        /// newest new file in <paramref name="folder"/> that <paramref name="matches"/>. Null when none came in time.
        /// </summary>
        public static async Task<string?> WaitForTokenFileAsync(string? exactPath, string folder, Func<string, bool> matches, string display, string tokenId,
            TimeSpan timeout, TimeSpan pollInterval, IRenewalObserver observer, CancellationToken cancellationToken)
        {
            var waiter = new FileArrivalWaiter { Timeout = timeout, PollInterval = pollInterval };
            if (exactPath != null)
            {
                DateTime? existing = File.Exists(exactPath) ? File.GetLastWriteTimeUtc(exactPath) : (DateTime?)null;
                if (existing.HasValue)
                    observer.Warning($"'{exactPath}' already exists; it is treated as an old token. Waiting for a newer file there. To upload the existing file as it is, stop this command (Ctrl+C) and run Update-AdeToken -Id {tokenId} -TokenFile '{exactPath}'.");
                return await waiter.WaitAsync(exactPath, existing, e => observer.FileProgress(e, timeout), cancellationToken).ConfigureAwait(false) ? exactPath : null;
            }
            var before = FileArrivalWaiter.Snapshot(folder, matches);
            observer.Verbose($"Waiting for a new file matching '{display}'; {before.Count} matching file(s) already there are treated as old tokens.");
            var arrived = await waiter.WaitForNewestAsync(folder, matches, before, e => observer.FileProgress(e, timeout), cancellationToken).ConfigureAwait(false);
            if (arrived != null) observer.Verbose($"The server token arrived as '{arrived}'.");
            return arrived;
        }

        /// <summary>TokenFileWaitTimedOut: nothing came within the wait, and nothing was uploaded.</summary>
        public static RemediationException TokenFileTimedOut(string display, int minutes, string tokenId, string tokenFile) => new RemediationException(
            RemediationErrorIds.TokenFileWaitTimedOut, RemediationErrorKind.Timeout,
            $"No new server token appeared at '{display}' within {minutes} minute(s). Nothing was uploaded.",
            $"Run Start-AdeTokenRenewal again with a longer -TimeoutMinutes, or upload the file yourself with Update-AdeToken -Id {tokenId} -TokenFile <path>. If you already downloaded the token in Apple Business Manager, the old one no longer works: upload the new one soon.",
            tokenFile);

        /// <summary>
        /// After the upload: a sync when the manual-sync interval allows one, and its result on <paramref name="result"/>
        /// (Sync, Token, SyncErrorCode, Finding). The renewal itself has succeeded, so nothing here throws for Graph.
        /// </summary>
        public async Task SyncAsync(RenewalResult result, string tokenId, string label, TimeSpan pollInterval, IRenewalObserver observer, CancellationToken cancellationToken)
        {
            DepOnboardingSetting? before;
            try
            {
                before = await _sync.ReadAsync(tokenId, cancellationToken).ConfigureAwait(false);
            }
            catch (AdeGraphException e)
            {
                result.Sync = RenewalSyncState.RequestFailed;
                observer.Failed(e, tokenId);
                return;
            }
            if (before is null)
            {
                result.Sync = RenewalSyncState.RequestFailed;
                observer.Failed(RemediationException.TokenNotFound(tokenId), tokenId);
                return;
            }

            var gate = ManualSyncRule.Check(before.LastSyncTriggeredDateTime, DateTimeOffset.UtcNow);
            if (!gate.Allowed)
            {
                result.Sync = RenewalSyncState.TooSoon;
                observer.Warning($"No sync was requested: one was requested at {InvariantText.UtcSeconds(gate.LastTriggered!.Value)} and Intune allows one every {ManualSyncRule.Interval.TotalMinutes:0} minutes. Run Sync-AdeToken -Id {tokenId} -Wait after {InvariantText.UtcSeconds(gate.NextAllowedAt!.Value)}.");
                return;
            }
            try
            {
                await _sync.RequestAsync(tokenId, cancellationToken).ConfigureAwait(false);
            }
            catch (AdeGraphException e)
            {
                result.Sync = RenewalSyncState.RequestFailed;
                observer.SyncRefused(e, tokenId, label, gate);
                return;
            }

            var waiter = _sync.Waiter(null, pollInterval, listWhenMany: false);
            SyncWaitOutcome? outcome = null;
            await waiter.WaitAsync(new[] { new PendingSync(before, DateTimeOffset.UtcNow) }, observer.SyncProgress, o => outcome = o, cancellationToken).ConfigureAwait(false);
            observer.SyncDone(label);

            var now = DateTimeOffset.UtcNow;
            if (outcome?.After != null) result.Token = _sync.Status(outcome.After, now);
            switch (outcome?.State)
            {
                case SyncWaitState.Succeeded:
                    result.Sync = RenewalSyncState.Succeeded;
                    observer.Verbose(outcome.Describe(waiter.Timeout));
                    break;
                case SyncWaitState.Failed:
                    result.Sync = RenewalSyncState.Failed;
                    result.SyncErrorCode = outcome.NewErrorCode;
                    result.Finding = result.Token is null ? null : SyncReport.FindingFor(result.Token, now);
                    observer.Warning(SyncReport.FailedWarning(outcome.Sync, outcome.NewErrorCode ?? 0));
                    break;
                default:
                    result.Sync = RenewalSyncState.TimedOut;
                    observer.Warning((outcome?.Describe(waiter.Timeout) ?? "The sync reported no result.") + $" The renewal itself succeeded; check the sync later with Get-AdeTokenStatus -Id {tokenId}.");
                    break;
            }
        }
    }
}
