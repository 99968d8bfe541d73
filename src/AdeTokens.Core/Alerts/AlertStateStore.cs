using System;
using System.IO;
using System.Security;
using System.Text;

namespace AdeTokens.Alerts
{
    /// <summary>
    /// Where Send-AdeTokenAlert keeps what it last alerted on: a file (-StatePath) or a pair of delegates
    /// (-StateReader/-StateWriter, for an Azure Automation variable). A damaged state never silences an alert: it
    /// reads as "first run" and is replaced after the next alert.
    /// </summary>
    public sealed class AlertStateStore
    {
        private readonly string? _fullPath;
        private readonly object _target;
        private readonly Func<string?>? _read;
        private readonly Action<string>? _write;

        private AlertStateStore(string? fullPath, object target, string where, Func<string?>? read, Action<string>? write)
        {
            _fullPath = fullPath;
            _target = target;
            Where = where;
            _read = read;
            _write = write;
        }

        /// <summary>The file at <paramref name="fullPath"/>; <paramref name="givenPath"/> is the error target. Throws AlertStatePathIsFolder.</summary>
        public static AlertStateStore ForFile(string fullPath, string givenPath)
        {
            if (Directory.Exists(fullPath))
                throw new AlertStateException($"The alert state path '{fullPath}' is a folder, not a file.", "AlertStatePathIsFolder", AdeErrorCategory.InvalidArgument, givenPath,
                    "Give a file name inside that folder, for example -StatePath ./ade-alert-state.json.");
            return new AlertStateStore(fullPath, givenPath, fullPath, null, null);
        }

        /// <summary>The delegates; <paramref name="read"/> throws AlertStateException (AlertStateUnreadable) itself when it fails.</summary>
        public static AlertStateStore ForDelegates(Func<string?> read, Action<string> write)
            => new AlertStateStore(null, "StateReader", "-StateReader", read ?? throw new ArgumentNullException(nameof(read)), write ?? throw new ArgumentNullException(nameof(write)));

        /// <summary>AlertStateUnreadable for a -StateReader script block that failed with <paramref name="reason"/>.</summary>
        public static AlertStateException ReaderFailed(string reason) => new AlertStateException($"-StateReader failed: {reason}", "AlertStateUnreadable", AdeErrorCategory.ReadError, "StateReader",
            "Check the script block; it should output the state string that -StateWriter stored (or nothing on the first run).");

        /// <summary>The file path, or "-StateReader", for messages.</summary>
        public string Where { get; }

        /// <summary>The stored text, or null when there is none yet. Throws AlertStateException (AlertStateUnreadable).</summary>
        public string? ReadText()
        {
            if (_read != null) return _read();
            if (!File.Exists(_fullPath)) return null;
            try
            {
                return File.ReadAllText(_fullPath!);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
            {
                throw new AlertStateException($"Could not read the alert state '{_fullPath}': {e.Message}", "AlertStateUnreadable", AdeErrorCategory.ReadError, _target,
                    "Check that the file can be read, or remove it to start again (the next alert then reports every open problem).");
            }
        }

        /// <summary>
        /// Reads the earlier state: null on the first run, and null with <paramref name="invalid"/> set when it is
        /// damaged. Returns the line for the verbose stream, or null. Throws AlertStateException (AlertStateUnreadable).
        /// </summary>
        public string? Load(out AlertState? previous, out AlertStateException? invalid)
        {
            previous = null;
            invalid = null;
            var text = ReadText();
            if (string.IsNullOrWhiteSpace(text)) return $"No earlier alert state in {Where}: this run reports every open problem as new.";
            previous = Parse(text!, out invalid);
            return previous is null ? null : $"Read the alert state from {Where}: {previous.Tokens.Count} token(s) alerted on at {InvariantText.Utc(previous.SentAt)}.";
        }

        /// <summary>The state in <paramref name="text"/>; AlertStateInvalid (not thrown: this run counts as the first) when it is damaged.</summary>
        public AlertState? Parse(string text, out AlertStateException? invalid)
        {
            invalid = null;
            try
            {
                return AlertState.Parse(text);
            }
            catch (FormatException e)
            {
                invalid = new AlertStateException($"The alert state in {Where} could not be read ({e.Message}). This run reports every open problem as new and replaces the state.",
                    "AlertStateInvalid", AdeErrorCategory.InvalidData, _target,
                    "Nothing, if the state was damaged: it is rewritten after this alert. If another tool writes that file or variable, give Send-AdeTokenAlert its own.", e);
                return null;
            }
        }

        /// <summary>
        /// Saves <paramref name="next"/> (a file is replaced atomically) and returns what to say about it. Throws
        /// AlertStateException (AlertStateWriteFailed); <paramref name="isWriteFailure"/> tells which exceptions from
        /// the writer delegate count as a failed write.
        /// </summary>
        public string Save(AlertState next, Func<Exception, bool> isWriteFailure)
        {
            var json = next.ToJson();
            try
            {
                if (_fullPath != null)
                {
                    var temp = _fullPath + ".tmp";
                    File.WriteAllText(temp, json, new UTF8Encoding(false));
                    if (File.Exists(_fullPath)) File.Replace(temp, _fullPath, null);
                    else File.Move(temp, _fullPath);
                    return $"Saved the alert state ({next.Tokens.Count} token(s)) to {_fullPath}.";
                }
                _write!(json);
                return $"Passed the alert state ({next.Tokens.Count} token(s)) to -StateWriter.";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException || isWriteFailure(e))
            {
                throw new AlertStateException($"The alert was sent, but its state could not be saved: {e.Message} The next run will report the same changes again.",
                    "AlertStateWriteFailed", AdeErrorCategory.WriteError, _fullPath != null ? _target : "StateWriter",
                    _fullPath != null ? "Check that the folder exists and can be written to." : "Check the -StateWriter script block (for example that the Automation variable exists).", e);
            }
        }
    }
}
