using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using AdeTokens.Graph.Models;
using AdeTokens.Io;

namespace AdeTokens
{
    // Test-AdeTokenHealth's offline input: piped objects and -Path files, turned into the tokens to check. Each
    // unreadable input gets its own error, and Failed keeps the run from looking like a clean bill.
    internal sealed class HealthInput
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Func<DepOnboardingSetting, TokenStatus> _build;
        private readonly List<TokenStatus> _tokens = new List<TokenStatus>();

        public HealthInput(PSCmdlet cmdlet, Func<DepOnboardingSetting, TokenStatus> build)
        {
            _cmdlet = cmdlet;
            _build = build;
        }

        public IReadOnlyList<TokenStatus> Tokens => _tokens;

        public bool Failed { get; private set; }

        public void Add(PSObject input)
        {
            switch (input.BaseObject)
            {
                case TokenStatus status:
                    _tokens.Add(status);
                    return;
                case HealthResult result when result.Token != null:
                    _tokens.Add(result.Token);
                    return;
            }
            // ConvertFrom-Json output: a Graph response body, an array, or one setting.
            string json;
            try
            {
                json = PsJson.Serialize(input);
            }
            catch (NotSupportedException e)
            {
                Fail(ErrorRecords.Create(e, "UnsupportedHealthInput", ErrorCategory.InvalidType, input,
                    $"Test-AdeTokenHealth cannot read a {input.BaseObject?.GetType().Name} as an ADE token.",
                    "Pipe Get-AdeTokenStatus output, or ConvertFrom-Json output of a depOnboardingSettings response."));
                return;
            }
            AddSettings(() => SnapshotReader.Parse(json, "pipeline input"), input);
        }

        public void AddFile(string path)
        {
            string resolved;
            try
            {
                resolved = _cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is NotSupportedException)
            {
                Fail(ErrorRecords.Create(e, SnapshotFileException.NotFoundErrorId, ErrorCategory.ObjectNotFound, path));
                return;
            }
            AddSettings(() => SnapshotFile.Read(resolved), path);
        }

        private void AddSettings(Func<IReadOnlyList<DepOnboardingSetting>> read, object target)
        {
            try
            {
                foreach (var s in read()) _tokens.Add(_build(s));
            }
            catch (AdeException e)
            {
                Fail(ErrorRecords.From(e, target));
            }
            catch (IOException e)
            {
                Fail(ErrorRecords.Create(e, "SnapshotUnreadable", ErrorCategory.ReadError, target));
            }
        }

        public void Fail(ErrorRecord record)
        {
            Failed = true;
            _cmdlet.WriteError(record);
        }
    }
}
