using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Profiles;

namespace AdeTokens.Health
{
    /// <summary>
    /// Collects every fact the health rules need and turns them into verdicts. Tokens are checked concurrently,
    /// with at most <see cref="HealthCheckRequest.ThrottleLimit"/> requests on the wire (a <see cref="RequestGate"/>); the connection's <see cref="RequestBudget"/>
    /// keeps the whole run inside Intune's throttling limits. Round trips are kept down: profiles come with the
    /// token pages where Graph allows $expand, defaults come from each profile's isDefault and @odata.type, and
    /// only ambiguous ones are read, in JSON batches; devices are read with $select in large pages.
    /// </summary>
    /// <remarks>
    /// A read that fails for good never turns into a clean bill: the observer hears the error, and the token gets
    /// a CheckIncomplete finding that names what was not checked.
    /// </remarks>
    public sealed class HealthCheckEngine
    {
        private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(250);

        private readonly AdeGraphService? _service;
        private readonly string? _tenantId;

        /// <summary>Creates the engine; <paramref name="service"/> may be null for offline input with nothing to read.</summary>
        public HealthCheckEngine(AdeGraphService? service, string? tenantId)
        {
            _service = service;
            _tenantId = tenantId;
        }

        /// <summary>Runs the check.</summary>
        /// <exception cref="AdeGraphException">The token list itself could not be read: there is nothing to judge.</exception>
        public async Task<HealthCheckOutcome> RunAsync(HealthCheckRequest request, IHealthCheckObserver observer, CancellationToken cancellationToken)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (observer is null) throw new ArgumentNullException(nameof(observer));
            var options = request.Options ?? new HealthOptions();
            options.Validate();
            if (request.ThrottleLimit < 1 || request.ThrottleLimit > HealthCheckRequest.MaxThrottleLimit) throw new ArgumentOutOfRangeException(nameof(request), $"ThrottleLimit must be between 1 and {HealthCheckRequest.MaxThrottleLimit}.");
            var includeProfiles = (request.IncludeProfiles || request.IncludeDevices) && _service != null;
            var includeDevices = request.IncludeDevices && _service != null;

            var clock = Stopwatch.StartNew();
            // Tenant facts and the token list don't depend on each other.
            if (request.IncludeTenant && _service != null)
                GraphActivity.Say("Reading the tenant-wide facts the rules use (the Apple MDM push certificate" + (includeProfiles ? ", and the VPP tokens that deliver Company Portal)." : ")."));
            // The token list first: everything else waits for it. In a fresh process its request spends tens of
            // milliseconds compiling Graph's pipeline before it goes on the wire; the tenant read then finds that done.
            var tokensTask = ReadTokensAsync(request, includeProfiles, observer, cancellationToken);
            var tenantTask = request.IncludeTenant && _service != null ? ReadTenantAsync(observer, includeProfiles, cancellationToken) : Task.FromResult<(TenantFacts?, string?)>((null, null));
            // With both requests on the wire, the first check in the process compiles what reads their answers.
            if (_service != null) ColdStart.Begin();
            (List<(TokenStatus Status, List<EnrollmentProfile>? Expanded)> Items, bool InputFailed) tokens;
            try
            {
                tokens = await tokensTask.ConfigureAwait(false);
            }
            catch
            {
                // No request is left running when the command ends, not even when the token list failed.
                try { await tenantTask.ConfigureAwait(false); } catch (OperationCanceledException) { }
                throw;
            }
            var work = tokens.Items.Select(t => new TokenWork(t.Status, t.Expanded)).ToList();

            var progress = new ProgressGate(observer, work.Count, work.Sum(w => (long)Math.Max(0, w.Status.SyncedDeviceCount ?? 0)));
            // At most ThrottleLimit of the run's requests on the wire, and twice as many tokens in hand: a token whose
            // page has just come in parses it while another token's request takes the free slot.
            using var requests = new RequestGate(request.ThrottleLimit);
            using var inHand = new SemaphoreSlim(2 * request.ThrottleLimit);

            if (includeProfiles)
            {
                await ForEachAsync(work.Where(w => w.Profiles is null && !string.IsNullOrEmpty(w.Status.Id)), inHand,
                    w => ReadProfilesAsync(w, requests, observer, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            // Defaults that profiles don't settle, batched across tokens, while the devices stream.
            var defaultsTask = includeProfiles ? ReadAmbiguousDefaultsAsync(work, observer, cancellationToken) : Task.CompletedTask;
            var devicesTask = includeDevices
                ? ForEachAsync(work.Where(w => !string.IsNullOrEmpty(w.Status.Id)), inHand, w => ReadDevicesAsync(w, options.DeviceSampleSize, requests, progress, observer, cancellationToken), cancellationToken)
                : Task.CompletedTask;
            await WhenAllAsync(defaultsTask, devicesTask).ConfigureAwait(false);
            if (!includeDevices) progress.Done(work.Count);
            var (tenant, tenantIncomplete) = await tenantTask.ConfigureAwait(false);
            progress.Flush();

            var results = new List<HealthResult>(work.Count);
            foreach (var w in work)
            {
                if (tenantIncomplete != null) w.Incomplete.Add(tenantIncomplete);
                var profiles = includeProfiles && w.Profiles != null ? ProfileFacts.FromProfiles(w.Profiles, w.DefaultIds) : null;
                results.Add(HealthEvaluator.Evaluate(w.Status, request.AsOf, options, tenant, profiles, w.Devices, w.Incomplete.OrderBy(x => x, StringComparer.Ordinal).ToList()));
            }
            GraphActivity.Say(FormattableString.Invariant($"Checked {results.Count} token(s) in {clock.Elapsed.TotalSeconds:0.0} s, {request.ThrottleLimit} at a time") + (includeDevices ? $", reading {InvariantText.Count(progress.DevicesRead)} device(s)." : "."));
            return new HealthCheckOutcome(Order(results), tokens.InputFailed);
        }

        /// <summary>Most urgent first: what an admin reads top-down and what -FailOn names first.</summary>
        public static IReadOnlyList<HealthResult> Order(IEnumerable<HealthResult> results)
            => results
                .OrderByDescending(r => r.Status)
                .ThenBy(r => r.DaysUntilExpiry ?? int.MaxValue)
                .ThenBy(r => r.TokenName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(r => r.TokenId, StringComparer.OrdinalIgnoreCase)
                .ToList();

        private async Task<(TenantFacts?, string?)> ReadTenantAsync(IHealthCheckObserver observer, bool includeVpp, CancellationToken ct)
        {
            try
            {
                // VPP tokens matter only to profiles that name one, so they are read with the profiles.
                var facts = await new HealthFactsCollector(_service!).GetTenantFactsAsync(includeVpp, ct).ConfigureAwait(false);
                if (facts.VppReadError != null)
                    observer.OnWarning("The tenant's Apple VPP tokens could not be read, so Company Portal's VPP token is not checked (tokens whose profiles name one get CheckIncomplete): " + facts.VppReadError);
                return (facts, null);
            }
            catch (Exception e) when (IsFailure(e, ct))
            {
                var g = AsGraphFailure(e, "read the Apple MDM push certificate");
                observer.OnError(g, "applePushNotificationCertificate", "the tenant's Apple MDM push certificate");
                return (null, Describe("the tenant's Apple MDM push certificate", g));
            }
        }

        private async Task<(List<(TokenStatus Status, List<EnrollmentProfile>? Expanded)> Items, bool InputFailed)> ReadTokensAsync(
            HealthCheckRequest request, bool includeProfiles, IHealthCheckObserver observer, CancellationToken ct)
        {
            var thresholds = request.Options ?? new HealthOptions();
            var items = new List<(TokenStatus, List<EnrollmentProfile>?)>();
            if (request.Tokens != null)
            {
                // The same token piped twice is one token: it is checked, and its facts read, once.
                var seenIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                items.AddRange(request.Tokens.Where(t => string.IsNullOrEmpty(t.Id) || seenIds.Add(t.Id)).Select(t => (t, (List<EnrollmentProfile>?)null)));
                return (items, false);
            }
            if (_service is null) return (items, false);
            if (request.TokenIds != null && request.TokenIds.Count > 0)
            {
                var failed = 0;
                var found = new (TokenStatus, List<EnrollmentProfile>?)?[request.TokenIds.Count];
                using var gate = new SemaphoreSlim(request.ThrottleLimit);
                await ForEachAsync(request.TokenIds.Select((id, i) => (id, i)), gate, async x =>
                {
                    try
                    {
                        var s = await _service.GetTokenAsync(x.id, ct).ConfigureAwait(false);
                        if (s is null)
                        {
                            Interlocked.Increment(ref failed);
                            observer.OnTokenNotFound(x.id);
                            return;
                        }
                        found[x.i] = (TokenStatusBuilder.Build(s, request.AsOf, thresholds, _tenantId), null);
                    }
                    catch (Exception e) when (IsFailure(e, ct))
                    {
                        Interlocked.Increment(ref failed);
                        observer.OnError(AsGraphFailure(e, $"read ADE token '{x.id}'"), x.id, "the token");
                    }
                }, ct).ConfigureAwait(false);
                // One token is never read twice, whatever the input repeats.
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var f in found)
                {
                    if (f is { } v && seen.Add(v.Item1.Id ?? string.Empty)) items.Add(v);
                }
                return (items, failed > 0);
            }

            // A failure to list is thrown: without the tokens there is no verdict, and that must never look like "nothing wrong".
            GraphActivity.Say(includeProfiles ? "Reading every ADE token, asking for their enrollment profiles in the same pages." : "Reading every ADE token.");
            var filter = request.Filter;
            var expanded = await _service.ListTokensAsync(includeProfiles, s =>
            {
                if (filter is null || filter(s))
                    items.Add((TokenStatusBuilder.Build(s, request.AsOf, thresholds, _tenantId), s.EnrollmentProfiles is null || s.EnrollmentProfilesTruncated ? null : s.EnrollmentProfiles));
                return true;
            }, ct).ConfigureAwait(false);
            if (!expanded)
            {
                for (var i = 0; i < items.Count; i++) items[i] = (items[i].Item1, null);
            }
            return (items, false);
        }

        private async Task ReadProfilesAsync(TokenWork w, RequestGate requests, IHealthCheckObserver observer, CancellationToken ct)
        {
            var list = new List<EnrollmentProfile>();
            GraphActivity.Say($"Reading the enrollment profiles of '{w.Status.Name}' ({w.Status.Id}).");
            try
            {
                await _service!.ListProfilesAsync(w.Status.Id, p => { list.Add(p); return true; }, ct, requests).ConfigureAwait(false);
                w.Profiles = list;
            }
            catch (Exception e) when (IsFailure(e, ct))
            {
                var g = AsGraphFailure(e, $"list the enrollment profiles of ADE token '{w.Status.Id}'");
                observer.OnError(g, w.Status.Id, "its enrollment profiles and default profiles");
                w.Incomplete.Add(Describe("its enrollment profiles", g));
            }
        }

        private async Task ReadAmbiguousDefaultsAsync(List<TokenWork> work, IHealthCheckObserver observer, CancellationToken ct)
        {
            var wanted = new List<(string, string)>();
            foreach (var w in work.Where(w => w.Profiles != null))
            {
                foreach (var platform in DefaultProfileLookup.AmbiguousPlatforms(w.Profiles!)) wanted.Add((w.Status.Id, platform));
            }
            if (wanted.Count == 0) return;
            IReadOnlyDictionary<(string TokenId, string Platform), string?> ids;
            var failures = new Dictionary<string, AdeGraphException>(StringComparer.OrdinalIgnoreCase);
            try
            {
                ids = await _service!.GetDefaultProfileIdsAsync(wanted, ct).ConfigureAwait(false);
            }
            catch (DefaultProfileBatchException e)
            {
                ids = e.Partial;
                foreach (var f in e.Failures) failures[f.Key] = f.Value;
            }
            catch (Exception e) when (IsFailure(e, ct))
            {
                ids = new Dictionary<(string, string), string?>();
                var g = AsGraphFailure(e, "read default enrollment profiles");
                foreach (var t in wanted.Select(x => x.Item1).Distinct()) failures[t] = g;
            }
            foreach (var w in work)
            {
                foreach (var kv in ids.Where(k => string.Equals(k.Key.TokenId, w.Status.Id, StringComparison.OrdinalIgnoreCase)))
                    w.DefaultIds[kv.Key.Platform] = kv.Value;
                if (failures.TryGetValue(w.Status.Id, out var g))
                {
                    observer.OnError(g, w.Status.Id, "its default enrollment profiles");
                    w.Incomplete.Add(Describe("its default enrollment profiles", g));
                }
            }
        }

        private async Task ReadDevicesAsync(TokenWork w, int sampleSize, RequestGate requests, ProgressGate progress, IHealthCheckObserver observer, CancellationToken ct)
        {
            var facts = new DeviceFacts(sampleSize);
            GraphActivity.Say($"Reading the devices of '{w.Status.Name}' ({w.Status.Id}).");
            try
            {
                await _service!.ListDevicesForRulesAsync(w.Status.Id, d =>
                {
                    facts.Add(d);
                    progress.Device();
                    return true;
                }, ct, requests).ConfigureAwait(false);
                w.Devices = facts;
            }
            catch (Exception e) when (IsFailure(e, ct))
            {
                var g = AsGraphFailure(e, $"list the devices of ADE token '{w.Status.Id}'");
                observer.OnError(g, w.Status.Id, $"its devices (read {facts.TotalCount} before the failure)");
                w.Incomplete.Add(Describe($"its devices (stopped after {facts.TotalCount})", g));
            }
            finally
            {
                progress.Done(1);
            }
        }

        // Runs every item, at most gate's count at a time, and waits for all of them even when one fails or the
        // user cancels, so no request is left running when the command ends.
        private static async Task ForEachAsync<T>(IEnumerable<T> items, SemaphoreSlim gate, Func<T, Task> body, CancellationToken ct)
        {
            var tasks = new List<Task>();
            foreach (var item in items)
            {
                tasks.Add(RunOneAsync(item));
            }
            await WhenAllAsync(tasks.ToArray()).ConfigureAwait(false);

            async Task RunOneAsync(T item)
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await body(item).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
        }

        // Task.WhenAll, but a cancellation wins over any other exception so Ctrl+C reads as a stop.
        private static async Task WhenAllAsync(params Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch
            {
                var cancelled = tasks.Select(t => t.Exception?.Flatten().InnerExceptions.OfType<OperationCanceledException>().FirstOrDefault()).FirstOrDefault(x => x != null);
                if (cancelled != null) throw cancelled;
                throw;
            }
        }

        private static bool IsFailure(Exception e, CancellationToken ct) => !(e is OperationCanceledException && ct.IsCancellationRequested);

        // A cancellation nobody asked for (a timeout deep in a library) is a Graph that did not answer, not a stop.
        private static AdeGraphException AsGraphFailure(Exception e, string operation)
            => e as AdeGraphException ?? (GraphErrorMapper.Map(e, operation, GraphPermissions.Read) as AdeGraphException)
               ?? new AdeGraphException($"Microsoft Graph did not answer while trying to {operation}: {e.Message}", GraphFailureKind.Network, e)
               {
                   Operation = operation,
                   RecommendedAction = "Check network access to the Graph endpoint and run the command again.",
               };

        private static string Describe(string what, AdeGraphException e)
        {
            var status = e.StatusCode is { } s ? $"HTTP {s}" : e.Kind.ToString();
            return $"{what} could not be read ({status}, request-id {e.RequestId ?? "none"})";
        }

        private sealed class TokenWork
        {
            public TokenWork(TokenStatus status, List<EnrollmentProfile>? expanded)
            {
                Status = status;
                Profiles = expanded;
            }

            public TokenStatus Status { get; }
            public List<EnrollmentProfile>? Profiles { get; set; }
            public Dictionary<string, string?> DefaultIds { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            public DeviceFacts? Devices { get; set; }
            public ConcurrentBag<string> Incomplete { get; } = new ConcurrentBag<string>();
        }

        // Progress a few times a second at most: a console host can hang on a flood of Write-Progress calls.
        private sealed class ProgressGate
        {
            private readonly IHealthCheckObserver _observer;
            private readonly int _total;
            private readonly long _expected;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private long _lastTicks;
            private long _devices;
            private int _done;

            public ProgressGate(IHealthCheckObserver observer, int total, long expected)
            {
                _observer = observer;
                _total = total;
                _expected = expected;
            }

            public void Device()
            {
                Interlocked.Increment(ref _devices);
                Maybe();
            }

            public void Done(int n)
            {
                Interlocked.Add(ref _done, n);
                Maybe();
            }

            public void Flush() => Report();

            public long DevicesRead => Interlocked.Read(ref _devices);

            private void Maybe()
            {
                var now = _clock.Elapsed.Ticks;
                var last = Interlocked.Read(ref _lastTicks);
                if (now - last < s_progressInterval.Ticks) return;
                if (Interlocked.CompareExchange(ref _lastTicks, now, last) != last) return;
                Report();
            }

            private void Report() => _observer.OnProgress(new HealthCheckProgress
            {
                TokensDone = Math.Min(Volatile.Read(ref _done), _total),
                TokensTotal = _total,
                DevicesRead = Interlocked.Read(ref _devices),
                DevicesExpected = _expected,
            });
        }
    }
}
