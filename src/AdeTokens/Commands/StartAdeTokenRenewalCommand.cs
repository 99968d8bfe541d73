using System;
using System.IO;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsLifecycle.Start, "AdeTokenRenewal", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RenewalResult))]
    public sealed class StartAdeTokenRenewalCommand : AdeGraphCmdletBase
    {
        private const int FileProgressId = 1;
        private const int SyncProgressId = 2;

        private const string IdSet = "Id";
        private const string InputSet = "InputObject";

        // Not by property name: a device or profile also has an Id. Piped objects bind InputObject.
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string Id { get; set; } = string.Empty;

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        private bool _renewedOne;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string KeyPath { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string TokenFile { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AppleId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        // How long to keep reading the token for its new expiry after the upload; no doc says how long Intune takes.
        [Parameter]
        [ValidateRange(0, 3600)]
        public int ExpiryWaitSeconds { get; set; } = (int)TokenRenewal.DefaultConfirmTimeout.TotalSeconds;

        [Parameter]
        [ValidateRange(1, 1440)]
        public int TimeoutMinutes { get; set; } = 30;

        [Parameter]
        [ValidateRange(1, 300)]
        public int PollSeconds { get; set; } = 5;


        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputSet)
            {
                var piped = PipelineInput.TokenId(this, InputObject);
                if (string.IsNullOrWhiteSpace(piped) || string.Equals(piped, Id, StringComparison.OrdinalIgnoreCase)) return;
                // One guided renewal per command: -KeyPath and -TokenFile name one key and one server token.
                if (_renewedOne)
                {
                    WriteError(ErrorRecords.From(new RemediationException("RenewalOneTokenOnly", RemediationErrorKind.InvalidArgument,
                        $"Start-AdeTokenRenewal renews one token per run, and it already renewed (or tried) ADE token {Id}; token {piped} was skipped.",
                        $"Run Start-AdeTokenRenewal -Id {piped} with its own -KeyPath and -TokenFile.", piped)));
                    return;
                }
                Id = piped!;
            }
            _renewedOne = true;
            var keyPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath);
            if (Io.FolderPath.Check(keyPath, "-KeyPath path", "public_key.pem") is Io.PathIsFolderException keyFolder)
            {
                WriteError(ErrorRecords.From(keyFolder, KeyPath));
                return;
            }
            var watch = TokenFileWatch.Resolve(SessionState.Path.GetUnresolvedProviderPathFromPSPath(TokenFile));
            if (watch.Error != null)
            {
                WriteError(ErrorRecords.From(new RemediationException(RemediationErrorIds.TokenFilePatternInvalid, RemediationErrorKind.InvalidArgument,
                    watch.Error, "Give a file path, a folder (the newest new .p7m in it is taken), or a wildcard in the file name only, such as ~/Downloads/*_smime.p7m.", TokenFile)));
                return;
            }
            var tokenPath = watch.Display;
            if (watch.ExactFile && string.Equals(keyPath, watch.Path, StringComparison.OrdinalIgnoreCase))
            {
                WriteError(ErrorRecords.From(new RemediationException(RemediationErrorIds.TokenFileSameAsKeyPath, RemediationErrorKind.InvalidArgument,
                    $"-KeyPath and -TokenFile are the same file ('{keyPath}'). The public key goes to Apple; the server token comes back from Apple.",
                    "Give the server token its own path, for example server_token.p7m next to the key.", TokenFile)));
                return;
            }

            // 1. Lookups (they run under -WhatIf too): the token, its key, and the Apple ID, so a wrong Apple ID
            //    fails before the admin goes to Apple Business Manager.
            DepOnboardingSetting? token;
            EncryptionPublicKey key;
            try
            {
                token = RunAsync((_, ct) => Service.GetTokenAsync(Id, ct)) ?? throw RemediationException.TokenNotFound(Id);
                foreach (var w in TokenRenewal.CheckAppleId(token, AppleId, Force)) WriteWarning(w);
                key = EncryptionPublicKey.Parse(RunAsync((_, ct) => Service.GetEncryptionPublicKeyAsync(Id, ct)));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, Id));
                return;
            }

            var label = Records.Label(token);
            var pem = key.ToPem();
            var keyIsThere = KeyFile.HasSameContent(keyPath, pem);
            if (!keyIsThere && !Force && File.Exists(keyPath))
            {
                WriteError(ErrorRecords.From(KeyFile.Exists(keyPath)));
                return;
            }

            // One confirmation for the whole guided change, asked before the admin downloads anything in ABM:
            // refusing after the download would leave the tenant with an invalidated token.
            if (!ShouldProcess(label, $"Renew the token: write its public key to '{keyPath}', wait for the server token at '{tokenPath}', upload it (uploadDepToken) and request a sync")) return;

            // 2. The key.
            if (keyIsThere)
            {
                WriteVerbose($"'{keyPath}' already holds this token's public key.");
            }
            else
            {
                try
                {
                    KeyFile.Write(keyPath, pem, Force);
                }
                catch (RemediationException e)
                {
                    WriteError(ErrorRecords.From(e));
                    return;
                }
            }

            // 3. What to do in ABM.
            Records.WriteSteps(this, $"The public key of {label} is in {keyPath}. In Apple Business Manager:", RenewalGuide.AbmSteps(label, keyPath, tokenPath));
            WriteWarning(RenewalGuide.DownloadInvalidatesWarning);

            // 4. Wait for the .p7m.
            var fileWaiter = new FileArrivalWaiter
            {
                Timeout = TimeSpan.FromMinutes(TimeoutMinutes),
                PollInterval = TimeSpan.FromSeconds(PollSeconds),
            };
            string? arrivedPath;
            try
            {
                if (watch.ExactFile)
                {
                    DateTime? existing = File.Exists(watch.Path) ? File.GetLastWriteTimeUtc(watch.Path) : (DateTime?)null;
                    if (existing.HasValue)
                    {
                        WriteWarning($"'{watch.Path}' already exists; it is treated as an old token. Waiting for a newer file there. To upload the existing file as it is, stop this command (Ctrl+C) and run Update-AdeToken -Id {Id} -TokenFile '{watch.Path}'.");
                    }
                    var arrived = RunAsync((pipe, ct) => fileWaiter.WaitAsync(watch.Path, existing, elapsed => pipe.WriteProgress(FileProgress(tokenPath, elapsed, fileWaiter.Timeout)), ct));
                    arrivedPath = arrived ? watch.Path : null;
                }
                else
                {
                    var before = FileArrivalWaiter.Snapshot(watch.Folder, watch.Matches);
                    WriteVerbose($"Waiting for a new file matching '{tokenPath}'; {before.Count} matching file(s) already there are treated as old tokens.");
                    arrivedPath = RunAsync((pipe, ct) => fileWaiter.WaitForNewestAsync(watch.Folder, watch.Matches, before, elapsed => pipe.WriteProgress(FileProgress(tokenPath, elapsed, fileWaiter.Timeout)), ct));
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the pipeline no longer takes writes, but the host does, and this is the one thing the admin must not miss.
                try
                {
                    Host.UI.WriteWarningLine(StoppedReminder(watch));
                }
                catch (Exception)
                {
                    // A host without a UI (a remote runspace being torn down): nothing more can be said.
                }
                throw;
            }
            WriteProgress(new ProgressRecord(FileProgressId, "Waiting for the server token from Apple Business Manager", "Done") { RecordType = ProgressRecordType.Completed });
            if (arrivedPath is null)
            {
                WriteError(ErrorRecords.From(new RemediationException(RemediationErrorIds.TokenFileWaitTimedOut, RemediationErrorKind.Timeout,
                    $"No new server token appeared at '{tokenPath}' within {TimeoutMinutes} minute(s). Nothing was uploaded.",
                    $"Run Start-AdeTokenRenewal again with a longer -TimeoutMinutes, or upload the file yourself with Update-AdeToken -Id {Id} -TokenFile <path>. If you already downloaded the token in Apple Business Manager, the old one no longer works: upload the new one soon.",
                    TokenFile)));
                return;
            }
            if (!watch.ExactFile) WriteVerbose($"The server token arrived as '{arrivedPath}'.");
            tokenPath = arrivedPath;

            // 5. The same checks and upload as Update-AdeToken.
            var renewal = TokenRenewal.ForGraph(Service);
            renewal.ConfirmTimeout = TimeSpan.FromSeconds(ExpiryWaitSeconds);
            RenewalResult result;
            try
            {
                var plan = RunAsync((_, ct) => renewal.PrepareAsync(Id, tokenPath, AppleId, Force, ct));
                foreach (var w in plan.Warnings) WriteWarning(w);
                WriteVerbose(plan.RecipientCheck);
                result = RunAsync((_, ct) => renewal.ApplyAsync(plan, ConnectedTenantId, ct));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, Id));
                return;
            }
            Records.WriteSteps(this, $"Renewed {label}: it now expires {Format(result.ExpirationDateTime)} (was {Format(result.PreviousExpirationDateTime)}).", Array.Empty<string>());

            // 6. Sync, and wait for its result.
            Sync(result, label);
            WriteObject(result);
        }

        private void Sync(RenewalResult result, string label)
        {
            DepOnboardingSetting? before;
            try
            {
                before = RunAsync((_, ct) => Service.GetTokenAsync(Id, ct));
            }
            catch (AdeGraphException e)
            {
                result.Sync = RenewalSyncState.RequestFailed;
                WriteError(ErrorRecords.From(e, Id));
                return;
            }
            if (before is null)
            {
                result.Sync = RenewalSyncState.RequestFailed;
                WriteError(ErrorRecords.From(RemediationException.TokenNotFound(Id)));
                return;
            }

            var gate = ManualSyncRule.Check(before.LastSyncTriggeredDateTime, DateTimeOffset.UtcNow);
            if (!gate.Allowed)
            {
                result.Sync = RenewalSyncState.TooSoon;
                WriteWarning($"No sync was requested: one was requested at {ManualSyncRule.Utc(gate.LastTriggered!.Value)} and Intune allows one every {ManualSyncRule.Interval.TotalMinutes:0} minutes. Run Sync-AdeToken -Id {Id} -Wait after {ManualSyncRule.Utc(gate.NextAllowedAt!.Value)}.");
                return;
            }
            try
            {
                RunAsync((_, ct) => Service.SyncAsync(Id, ct));
            }
            catch (AdeGraphException e)
            {
                result.Sync = RenewalSyncState.RequestFailed;
                WriteError(Records.SyncRequestFailed(e, Id, label, gate));
                return;
            }

            var waiter = new SyncWaiter(Service.GetTokenAsync) { PollInterval = TimeSpan.FromSeconds(PollSeconds) };
            SyncWaitOutcome? outcome = null;
            RunAsync((pipe, ct) => waiter.WaitAsync(
                new[] { new PendingSync(before, DateTimeOffset.UtcNow) },
                p =>
                {
                    var record = Records.SyncProgress(p);
                    pipe.WriteProgress(new ProgressRecord(SyncProgressId, record.Activity, record.StatusDescription) { PercentComplete = record.PercentComplete, SecondsRemaining = record.SecondsRemaining });
                },
                o => outcome = o,
                ct));
            WriteProgress(new ProgressRecord(SyncProgressId, $"Waiting for the sync of {label}", "Done") { RecordType = ProgressRecordType.Completed });

            var now = DateTimeOffset.UtcNow;
            if (outcome?.After != null) result.Token = TokenStatusBuilder.Build(outcome.After, now, null, ConnectedTenantId);
            switch (outcome?.State)
            {
                case SyncWaitState.Succeeded:
                    result.Sync = RenewalSyncState.Succeeded;
                    WriteVerbose(outcome.Describe(waiter.Timeout));
                    break;
                case SyncWaitState.Failed:
                    result.Sync = RenewalSyncState.Failed;
                    result.SyncErrorCode = outcome.NewErrorCode;
                    result.Finding = result.Token is null ? null : SyncReport.FindingFor(result.Token, now);
                    WriteWarning(SyncReport.FailedWarning(outcome.Sync, outcome.NewErrorCode ?? 0));
                    break;
                default:
                    result.Sync = RenewalSyncState.TimedOut;
                    WriteWarning((outcome?.Describe(waiter.Timeout) ?? "The sync reported no result.") + $" The renewal itself succeeded; check the sync later with Get-AdeTokenStatus -Id {Id}.");
                    break;
            }
        }

        private static ProgressRecord FileProgress(string path, TimeSpan elapsed, TimeSpan timeout)
            => new ProgressRecord(FileProgressId, "Waiting for the server token from Apple Business Manager",
                $"Save the .p7m as {path} ({ManualSyncRule.Describe(elapsed)} of {ManualSyncRule.Describe(timeout)})")
            {
                PercentComplete = (int)Math.Min(100, elapsed.TotalMilliseconds * 100 / timeout.TotalMilliseconds),
                SecondsRemaining = (int)Math.Max(0, (timeout - elapsed).TotalSeconds),
            };

        private string StoppedReminder(TokenFileWatch watch)
            => $"Stopped before the server token was uploaded. If you already downloaded it in Apple Business Manager, the token Intune holds no longer works: upload the new file with Update-AdeToken straight away, for example Update-AdeToken -Id {Id} -TokenFile '{(watch.ExactFile ? watch.Path : System.IO.Path.Combine(watch.Folder, "<file>_smime.p7m"))}'.";

        private static string Format(DateTimeOffset? value) => value.HasValue ? ManualSyncRule.Utc(value.Value) : "unknown";
    }

    // What -TokenFile names: one file (the old behaviour), or a folder / wildcard in which the newest new .p7m is taken.
    internal sealed class TokenFileWatch
    {
        public bool ExactFile { get; private set; }
        public string Path { get; private set; } = string.Empty;
        public string Folder { get; private set; } = string.Empty;
        public Func<string, bool> Matches { get; private set; } = _ => false;
        public string Display { get; private set; } = string.Empty;
        public string? Error { get; private set; }

        public static TokenFileWatch Resolve(string fullPath)
        {
            if (Directory.Exists(fullPath))
            {
                return new TokenFileWatch
                {
                    Folder = fullPath,
                    Matches = IsP7m,
                    Display = System.IO.Path.Combine(fullPath, "*.p7m"),
                };
            }
            var leaf = System.IO.Path.GetFileName(fullPath);
            var folder = System.IO.Path.GetDirectoryName(fullPath) ?? string.Empty;
            // Checked first: a wildcard in the folder with a plain file name would otherwise wait for a file literally named so.
            if (WildcardPattern.ContainsWildcardCharacters(folder))
            {
                return new TokenFileWatch { Error = $"-TokenFile '{fullPath}' has a wildcard in its folder; only the file name may have one." };
            }
            if (!WildcardPattern.ContainsWildcardCharacters(leaf))
            {
                return new TokenFileWatch { ExactFile = true, Path = fullPath, Display = fullPath };
            }
            if (!Directory.Exists(folder))
            {
                return new TokenFileWatch { Error = $"The folder '{folder}' of -TokenFile does not exist, so no server token can appear in it." };
            }
            var pattern = new WildcardPattern(leaf, WildcardOptions.IgnoreCase);
            return new TokenFileWatch
            {
                Folder = folder,
                // Only .p7m files: browsers first save a download as *.crdownload or *.part, which must not be taken half-written.
                Matches = name => IsP7m(name) && pattern.IsMatch(name),
                Display = fullPath,
            };
        }

        private static bool IsP7m(string name) => name.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase);
    }
}
