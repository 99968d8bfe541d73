using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;

namespace AdeTokens
{
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
