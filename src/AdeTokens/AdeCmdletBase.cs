using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;

namespace AdeTokens
{
    /// <summary>
    /// Base for every AdeTokens cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels, and a way to
    /// run async Core code while all writes happen on the pipeline thread. Cmdlets that need Graph derive from
    /// <see cref="AdeGraphCmdletBase"/>, which has the service from BeginProcessing on.
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

        /// <summary>Runs async work with no result.</summary>
        protected void RunAsync(Func<AsyncPipe, CancellationToken, Task> work)
            => RunAsync<bool>(async (p, ct) => { await work(p, ct).ConfigureAwait(false); return true; });

        /// <summary>The connection for this runspace, or a terminating NotConnected error.</summary>
        protected AdeGraphConnection RequireConnection()
        {
            var c = SessionStore.Current;
            if (c is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    new InvalidOperationException("You are not connected to Microsoft Graph. Run Connect-AdeGraph first (for example Connect-AdeGraph -Identity in Azure Automation, or Connect-AdeGraph -TenantId contoso.onmicrosoft.com interactively)."),
                    "NotConnected", ErrorCategory.ConnectionError, MyInvocation.MyCommand.Name,
                    "You are not connected to Microsoft Graph. Run Connect-AdeGraph first.",
                    "Run Connect-AdeGraph, then run this command again."));
            }
            return c!;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _cts.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
