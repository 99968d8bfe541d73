using System;
using System.Management.Automation;
using AdeTokens.Health;

namespace AdeTokens
{
    // The engine reports from worker threads; everything it says is posted to the pipeline thread.
    internal sealed class HealthPipeObserver : IHealthCheckObserver
    {
        private readonly AsyncPipe _pipe;

        public HealthPipeObserver(AsyncPipe pipe) => _pipe = pipe;

        public void OnProgress(HealthCheckProgress p)
        {
            var devices = p.DevicesRead > 0 ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "; {0:N0} devices read", p.DevicesRead) : string.Empty;
            _pipe.WriteProgress(new ProgressRecord(1, "Checking ADE tokens", $"{p.TokensDone} of {p.TokensTotal} token(s) checked{devices}")
            {
                PercentComplete = p.TokensTotal == 0 ? 100 : Math.Min(100, p.TokensDone * 100 / p.TokensTotal),
            });
        }

        public void OnError(Exception error, string target, string notChecked)
        {
            var record = ErrorRecords.From(error, target);
            var message = $"{error.Message} Not checked: {notChecked}; the token's result carries CheckIncomplete instead of a clean bill.";
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = record.ErrorDetails?.RecommendedAction ?? string.Empty };
            _pipe.WriteError(record);
        }

        public void OnWarning(string message) => _pipe.WriteWarning(message);

        public void OnTokenNotFound(string id) => _pipe.WriteError(ErrorRecords.From(RemediationException.TokenNotFound(id)));
    }
}
