using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Commands;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;

namespace AdeTokens
{
    /// <summary>
    /// Base for every AdeTokens cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels, and a way to
    /// run async Graph code while all writes happen on the pipeline thread.
    /// </summary>
    public abstract class AdeCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();
        private bool _disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken CancelToken => _cts.Token;

        protected override void StopProcessing() => _cts.Cancel();

        /// <summary>Runs async work; the work queues writes through the pipe and this thread performs them.</summary>
        protected T RunAsync<T>(Func<AsyncPipe, CancellationToken, Task<T>> work)
        {
            // Bounded, so a producer streaming 200,000 devices waits for the pipeline instead of buffering them.
            using var queue = new BlockingCollection<Action>(boundedCapacity: 512);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
            var pipe = new AsyncPipe(queue, linked.Token);
            pipe.Bind(this);
            var debug = MyInvocation.BoundParameters.ContainsKey("Debug") || !(GetVariableValue("DebugPreference") is ActionPreference dp && dp == ActionPreference.SilentlyContinue);
            var verbose = IsVerbose();
            // -Verbose tells what is read, page by page, how long it took and what was retried. The lines come
            // from DiagnosticsHandler, which never sees headers or bodies, so no token or secret can reach them.
            var requests = new RequestTally();
            var task = Task.Run(async () =>
            {
                if (debug || verbose)
                {
                    DiagnosticsHandler.Listener = m =>
                    {
                        requests.Count(m);
                        if (verbose) pipe.Post(c => c.WriteVerbose(m));
                        else pipe.Post(c => c.WriteDebug(m));
                    };
                }
                // Retries, budget waits and fallbacks, as they happen; never a header, body or query string.
                if (verbose) GraphActivity.Verbose = m => pipe.Post(c => c.WriteVerbose(m));
                try
                {
                    return await work(pipe, linked.Token).ConfigureAwait(false);
                }
                finally
                {
                    if (verbose && requests.Total > 1) pipe.Post(c => c.WriteVerbose(requests.Summary()));
                    queue.CompleteAdding();
                }
            });
            try
            {
                foreach (var action in queue.GetConsumingEnumerable())
                {
                    action();
                }
            }
            catch
            {
                // A write failed (often PipelineStoppedException from Select-Object -First): stop the producer, then rethrow.
                linked.Cancel();
                try
                {
                    task.GetAwaiter().GetResult();
                }
                catch (Exception)
                {
                    // The producer's own end (usually cancellation) matters less than the write failure rethrown below.
                }
                throw;
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cts.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>True when verbose output is on (-Verbose, or $VerbosePreference).</summary>
        protected bool IsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var v)) return v is SwitchParameter sp ? sp.IsPresent : v is bool b && b;
            return GetVariableValue("VerbosePreference") is ActionPreference vp && vp != ActionPreference.SilentlyContinue && vp != ActionPreference.Ignore;
        }

        // Counts the exchanges DiagnosticsHandler reports during one RunAsync, for a one-line summary.
        private sealed class RequestTally
        {
            private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
            private int _total;
            private int _retries;
            private int _failed;

            public int Total => Volatile.Read(ref _total);

            public void Count(string line)
            {
                Interlocked.Increment(ref _total);
                if (line.Contains("(retry ")) Interlocked.Increment(ref _retries);
                if (line.Contains(" -> 429") || line.Contains(" -> 5") || line.Contains("Exception")) Interlocked.Increment(ref _failed);
            }

            public string Summary()
                => string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "{0} Graph request(s) in {1:0.0} s; {2} retried, {3} answered with throttling, a server error or no answer.",
                    Total, _clock.Elapsed.TotalSeconds, Volatile.Read(ref _retries), Volatile.Read(ref _failed));
        }

        /// <summary>Runs async work with no result.</summary>
        protected void RunAsync(Func<AsyncPipe, CancellationToken, Task> work)
            => RunAsync<bool>(async (p, ct) => { await work(p, ct).ConfigureAwait(false); return true; });

        /// <summary>The connection for this runspace, or a terminating NotConnected error.</summary>
        protected AdeGraphConnection RequireConnection()
        {
            var c = SessionStore.Current;
            if (c is null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("You are not connected to Microsoft Graph. Run Connect-AdeGraph first (for example Connect-AdeGraph -Identity in Azure Automation, or Connect-AdeGraph -TenantId contoso.onmicrosoft.com interactively)."),
                    "NotConnected", ErrorCategory.ConnectionError, MyInvocation.MyCommand.Name)
                {
                    ErrorDetails = new ErrorDetails("You are not connected to Microsoft Graph. Run Connect-AdeGraph first.")
                    {
                        RecommendedAction = "Run Connect-AdeGraph, then run this command again.",
                    },
                });
            }
            return c!;
        }

        /// <summary>The Graph service over this runspace's connection; set by UseGraph.</summary>
        protected AdeGraphService? Service { get; private set; }

        /// <summary>The tenant of this runspace's connection; set by UseGraph.</summary>
        protected string? ConnectedTenantId { get; private set; }

        /// <summary>Requires a connection (terminating NotConnected otherwise) and sets Service and ConnectedTenantId.</summary>
        protected AdeGraphService UseGraph()
        {
            var connection = RequireConnection();
            Service = new AdeGraphService(connection);
            ConnectedTenantId = connection.Claims.TenantId ?? connection.Options.TenantId;
            return Service;
        }

        /// <summary>
        /// Reads one token. When it is missing or Graph fails, writes a non-terminating error with the id as
        /// target and returns null, so the other ids in the pipeline still get processed.
        /// </summary>
        protected DepOnboardingSetting? GetTokenOrWriteError(string id)
        {
            var service = Service ?? UseGraph();
            WriteVerbose($"Reading ADE token '{id}' (GET /beta/deviceManagement/depOnboardingSettings/{id}).");
            try
            {
                var token = RunAsync((_, ct) => service.GetTokenAsync(id, ct));
                if (token is null) WriteError(RemediationErrors.From(TokenNotFoundFor(id)));
                return token;
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, id));
                return null;
            }
        }

        /// <summary>
        /// TokenNotFound for <paramref name="id"/>; when the "id" is in fact a token's name (a common slip:
        /// -TokenId 'Contoso ABM'), the error says so and gives the real id. Costs one list, on failure only.
        /// </summary>
        protected RemediationException TokenNotFoundFor(string id)
        {
            var service = Service ?? UseGraph();
            try
            {
                DepOnboardingSetting? named = null;
                RunAsync((_, ct) => service.ListTokensAsync(t =>
                {
                    if (string.Equals(t.TokenName?.Trim(), id.Trim(), StringComparison.OrdinalIgnoreCase)) named = t;
                    return named is null;
                }, ct));
                if (named?.Id != null) return RemediationException.TokenNotFoundButNamed(id, named.Id);
            }
            catch (AdeGraphException)
            {
                // The plain message is still right; the hint is only a courtesy.
            }
            return RemediationException.TokenNotFound(id);
        }

        /// <summary>Every token in the tenant. A Graph failure is terminating: without the list nothing can be checked.</summary>
        protected List<DepOnboardingSetting> ListTokensOrThrow()
        {
            var service = Service ?? UseGraph();
            var tokens = new List<DepOnboardingSetting>();
            WriteVerbose("Reading every ADE token (GET /beta/deviceManagement/depOnboardingSettings, following each next page).");
            try
            {
                RunAsync((_, ct) => service.ListTokensAsync(t => { tokens.Add(t); return true; }, ct));
            }
            catch (AdeGraphException e)
            {
                ThrowTerminatingError(GraphError(e, "depOnboardingSettings"));
            }
            WriteVerbose($"Read {tokens.Count} ADE token(s).");
            return tokens;
        }

        /// <summary>
        /// The tokens whose name matches any of <paramref name="names"/> (wildcards allowed; all tokens when
        /// none are given). A literal name that matches nothing gets its own non-terminating error, as
        /// Get-Process does; a wildcard that matches nothing is just an empty result.
        /// </summary>
        protected List<DepOnboardingSetting> SelectTokensByName(string[]? names)
        {
            var all = ListTokensOrThrow();
            if (names is null || names.Length == 0) return all;
            var patterns = names.Select(n => (Text: n, Pattern: new WildcardPattern(n, WildcardOptions.IgnoreCase))).ToList();
            var matched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var selected = new List<DepOnboardingSetting>();
            foreach (var token in all)
            {
                var hits = patterns.Where(p => p.Pattern.IsMatch(token.TokenName ?? string.Empty)).ToList();
                if (hits.Count == 0) continue;
                foreach (var h in hits) matched.Add(h.Text);
                selected.Add(token);
            }
            foreach (var p in patterns.Where(p => !WildcardPattern.ContainsWildcardCharacters(p.Text) && !matched.Contains(p.Text)))
            {
                WriteError(RemediationErrors.TokenNameNotFound(p.Text));
            }
            return selected;
        }

        /// <summary>
        /// Adds the HealthResults in a pipeline object (one result, or a collection of them) to <paramref name="into"/>,
        /// and writes an InvalidType error with <paramref name="errorId"/> for anything else.
        /// </summary>
        protected void CollectHealthResults(PSObject? input, List<HealthResult> into, string errorId)
        {
            if (input is null) return;
            if (input.BaseObject is System.Collections.IEnumerable items && !(input.BaseObject is string))
            {
                foreach (var item in items) CollectHealthResults(item is null ? null : PSObject.AsPSObject(item), into, errorId);
                return;
            }
            if (input.BaseObject is HealthResult r)
            {
                into.Add(r);
                return;
            }
            var verb = MyInvocation.MyCommand.Name;
            var message = $"{verb} works on AdeTokens.HealthResult objects; it cannot use a {input.BaseObject?.GetType().FullName ?? "null"}.";
            WriteError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidType, input)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = input.BaseObject is TokenStatus
                        ? $"Pipe the tokens through Test-AdeTokenHealth first: Get-AdeTokenStatus | Test-AdeTokenHealth | {verb}."
                        : $"Pipe Test-AdeTokenHealth output: Test-AdeTokenHealth | {verb}.",
                },
            });
        }

        /// <summary>
        /// The token a pipeline object stands for. A token object (TokenStatus, or a depOnboardingSetting read
        /// some other way) is the token itself and gives its Id; everything that belongs to a token (health
        /// results, profiles, devices, renewal and assignment results) gives its TokenId, never its own Id; a
        /// string is a token id. Null, with an InvalidPipelineInput error written, for anything else.
        /// </summary>
        protected string? PipedTokenId(PSObject? input)
        {
            if (input is null) return null;
            switch (input.BaseObject)
            {
                case string s when !string.IsNullOrWhiteSpace(s):
                    return s.Trim();
                case TokenStatus t:
                    return t.Id;
            }
            var tokenId = input.Properties["TokenId"]?.Value?.ToString();
            if (!string.IsNullOrWhiteSpace(tokenId)) return tokenId;
            // Without a TokenId the object stands for a token itself: ConvertFrom-Json of a depOnboardingSettings
            // response, or the admin's own list (Import-Csv with an Id column). Every AdeTokens object that
            // belongs to a token carries TokenId, so it never gets here.
            var id = input.Properties["Id"]?.Value?.ToString();
            if (!string.IsNullOrWhiteSpace(id)) return id;
            var verb = MyInvocation.MyCommand.Name;
            var message = $"{verb} cannot tell which ADE token a {input.BaseObject?.GetType().FullName ?? "null"} belongs to: it has no TokenId, and it is not a token.";
            WriteError(new ErrorRecord(new ArgumentException(message), "InvalidPipelineInput", ErrorCategory.InvalidArgument, input)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = $"Pipe tokens (Get-AdeTokenStatus), health results, profiles or devices, or give the token with -Id. Get-Help {verb} -Full lists what it accepts from the pipeline.",
                },
            });
            return null;
        }

        /// <summary>An ErrorRecord for a Graph failure: stable id, specific category, the input as target.</summary>
        protected internal static ErrorRecord GraphError(Exception e, object? target)
        {
            if (e is AdeGraphException g)
            {
                var (id, category) = g.Kind switch
                {
                    GraphFailureKind.PermissionDenied => ("GraphPermissionDenied", ErrorCategory.PermissionDenied),
                    GraphFailureKind.Unauthenticated => ("GraphUnauthenticated", ErrorCategory.AuthenticationError),
                    GraphFailureKind.NotFound => ("GraphNotFound", ErrorCategory.ObjectNotFound),
                    GraphFailureKind.Throttled => ("GraphThrottled", ErrorCategory.LimitsExceeded),
                    GraphFailureKind.ServiceUnavailable => ("GraphServiceUnavailable", ErrorCategory.ResourceUnavailable),
                    GraphFailureKind.InvalidRequest => ("GraphRequestRejected", ErrorCategory.InvalidOperation),
                    GraphFailureKind.Network => ("GraphUnreachable", ErrorCategory.ConnectionError),
                    GraphFailureKind.AuthenticationFailed => ("AuthenticationFailed", ErrorCategory.AuthenticationError),
                    _ => ("GraphRequestFailed", ErrorCategory.InvalidResult),
                };
                return new ErrorRecord(g, id, category, target)
                {
                    ErrorDetails = new ErrorDetails(g.Message) { RecommendedAction = g.RecommendedAction ?? string.Empty },
                };
            }
            return new ErrorRecord(e, "UnexpectedError", ErrorCategory.NotSpecified, target);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _cts.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Lets async code ask the pipeline thread to write. Never call Cmdlet.Write* from a Task.</summary>
    public sealed class AsyncPipe
    {
        private readonly BlockingCollection<Action> _queue;
        private readonly CancellationToken _token;
        private AdeCmdletBase? _cmdlet;

        internal AsyncPipe(BlockingCollection<Action> queue, CancellationToken token)
        {
            _queue = queue;
            _token = token;
        }

        internal void Bind(AdeCmdletBase cmdlet) => _cmdlet = cmdlet;

        /// <summary>Queues an action to run on the pipeline thread with the cmdlet.</summary>
        public void Post(Action<PSCmdlet> action)
        {
            var cmdlet = _cmdlet ?? throw new InvalidOperationException("The pipe is not bound to a cmdlet.");
            _queue.Add(() => action(cmdlet), _token);
        }

        /// <summary>Queues WriteObject.</summary>
        public void WriteObject(object? o) => Post(c => c.WriteObject(o));
        /// <summary>Queues WriteVerbose.</summary>
        public void WriteVerbose(string s) => Post(c => c.WriteVerbose(s));
        /// <summary>Queues WriteWarning.</summary>
        public void WriteWarning(string s) => Post(c => c.WriteWarning(s));
        /// <summary>Queues WriteError.</summary>
        public void WriteError(ErrorRecord e) => Post(c => c.WriteError(e));
        /// <summary>Queues WriteProgress.</summary>
        public void WriteProgress(ProgressRecord p) => Post(c => c.WriteProgress(p));
        /// <summary>Queues a line for the host (device-code prompts).</summary>
        public void WriteHost(string s) => Post(c => c.Host.UI.WriteLine(s));
    }
}
