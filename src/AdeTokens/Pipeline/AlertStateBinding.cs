using System.Linq;
using System.Management.Automation;
using AdeTokens.Alerts;

namespace AdeTokens
{
    // Send-AdeTokenAlert's -StatePath, or -StateReader with -StateWriter, bound to the Core store that reads and
    // saves the state. Bad combinations and unreadable state are terminating; damaged state is not.
    internal static class AlertStateBinding
    {
        public static AlertStateStore? Open(PSCmdlet cmdlet, string? statePath, ScriptBlock? reader, ScriptBlock? writer)
        {
            if (statePath != null && (reader != null || writer != null))
                cmdlet.ThrowTerminatingError(ErrorRecords.Argument("AlertStateParameterConflict", "Give -StatePath, or -StateReader with -StateWriter, not both.", "StatePath",
                    "Use -StatePath for a file, or -StateReader and -StateWriter for an Azure Automation variable."));
            if ((reader is null) != (writer is null))
                cmdlet.ThrowTerminatingError(ErrorRecords.Argument("AlertStateParameterMissing", $"{(reader is null ? "-StateWriter" : "-StateReader")} needs {(reader is null ? "-StateReader" : "-StateWriter")} as well.",
                    reader is null ? "StateWriter" : "StateReader",
                    "Give both, for example -StateReader { Get-AutomationVariable -Name AdeAlertState } -StateWriter { param($State) Set-AutomationVariable -Name AdeAlertState -Value $State }."));
            try
            {
                if (statePath != null) return AlertStateStore.ForFile(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(statePath), statePath);
                if (reader != null) return AlertStateStore.ForDelegates(() => Invoke(reader), json => writer!.Invoke(json));
            }
            catch (AlertStateException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e));
            }
            return null;
        }

        public static AlertState? Load(PSCmdlet cmdlet, AlertStateStore store)
        {
            string? loaded = null;
            AlertState? previous = null;
            AlertStateException? invalid = null;
            try
            {
                loaded = store.Load(out previous, out invalid);
            }
            catch (AlertStateException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e));
            }
            // Not terminating: a damaged state must not silence the alert. This run counts as the first.
            if (invalid != null) cmdlet.WriteError(ErrorRecords.FromCause(invalid));
            if (loaded != null) cmdlet.WriteVerbose(loaded);
            return previous;
        }

        private static string? Invoke(ScriptBlock reader)
        {
            try
            {
                return string.Concat(reader.Invoke().Where(o => o != null).Select(o => o.BaseObject?.ToString()));
            }
            catch (RuntimeException e)
            {
                throw AlertStateStore.ReaderFailed(e.Message);
            }
        }
    }
}
