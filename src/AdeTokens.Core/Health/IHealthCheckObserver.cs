using System;

namespace AdeTokens.Health
{
    /// <summary>What a health check reports while it runs. Called from worker threads: post, don't write.</summary>
    public interface IHealthCheckObserver
    {
        /// <summary>Progress, a few times a second at most.</summary>
        void OnProgress(HealthCheckProgress progress);
        /// <summary>A read failed for good; <paramref name="notChecked"/> says what the verdict lacks.</summary>
        void OnError(Exception error, string target, string notChecked);
        /// <summary>Something the admin should know that is not an error of its own.</summary>
        void OnWarning(string message);
        /// <summary>A token id asked for does not exist.</summary>
        void OnTokenNotFound(string id);
    }
}
