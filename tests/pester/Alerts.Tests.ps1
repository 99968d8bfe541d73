# Send-AdeTokenAlert through the built module: the Teams card the webhook sink receives, retries, failures that
# never show the webhook URL, -WhatIf, and mail through Graph sendMail.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'BrowserHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'health-rules.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
    $script:results = @(Test-AdeTokenHealth -WarningAction SilentlyContinue)
    $script:critical = @($results | Where-Object Status -eq Critical)

    # The secret parts: the path (flow id) and the signature in the query.
    $script:secretPath = '/_sim/webhooks/teams-secret-7f3a9c'
    $script:secretSig = 'S3cr3tSigQ9xZ'
    $script:webhookUrl = "$($sim.Url)$($secretPath)?api-version=2016-06-01&sig=$($secretSig)"
    $script:webhook = ConvertTo-SecureString $webhookUrl -AsPlainText -Force

    $fine = @{ value = @(@{ id = 'fine-1'; tokenName = 'Fine ABM'; tokenExpirationDateTime = [DateTime]::UtcNow.AddDays(200).ToString('o')
                lastSuccessfulSyncDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o'); lastSyncTriggeredDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o')
                lastSyncErrorCode = 0; dataSharingConsentGranted = $true; lastModifiedDateTime = [DateTime]::UtcNow.AddDays(-300).ToString('o') }) } | ConvertTo-Json -Depth 5
    Set-Content -Path (Join-Path $TestDrive 'fine.json') -Value $fine
    $script:healthy = @(Test-AdeTokenHealth -Path (Join-Path $TestDrive 'fine.json'))

    # One token, first expired, then renewed: the same id in two offline snapshots.
    function New-FlipResult {
        param([int] $Days)
        $snap = @{ value = @(@{ id = 'flip-1'; tokenName = 'Flip ABM'; tokenExpirationDateTime = [DateTime]::UtcNow.AddDays($Days).ToString('o')
                    lastSuccessfulSyncDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o'); lastSyncTriggeredDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o')
                    lastSyncErrorCode = 0; dataSharingConsentGranted = $true; lastModifiedDateTime = [DateTime]::UtcNow.AddDays(-300).ToString('o') }) } | ConvertTo-Json -Depth 5
        $file = Join-Path $TestDrive "flip$Days.json"
        Set-Content -Path $file -Value $snap
        @(Test-AdeTokenHealth -Path $file)
    }

    function Get-CardText {
        param($Card)
        @($Card.body | ForEach-Object { if ($_.items) { $_.items.text } else { $_.text } }) -join "`n"
    }

    function Get-StreamText {
        param($Records)
        @($Records | ForEach-Object {
                $_.ToString()
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $_.Exception.ToString(); [string]$_.ErrorDetails; [string]$_.ErrorDetails.RecommendedAction; [string]$_.TargetObject
                    [string]$_.CategoryInfo
                }
                if ($_.PSObject.Properties['Message']) { [string]$_.Message }
                ($_ | Format-List * -Force | Out-String)
            }) -join "`n"
    }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Send-AdeTokenAlert to Teams' {
    BeforeEach { Clear-AdeSimWebhook -Simulator $sim }

    It 'posts one Workflows message with an Adaptive Card 1.4 about the tokens at or above Warning' {
        $r = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -PassThru
        $r.GetType().FullName | Should -Be 'AdeTokens.AlertResult'
        $r.Channel | Should -Be 'Teams'
        $r.Sent | Should -BeTrue
        $r.StatusCode | Should -Be 202
        $r.Attempts | Should -Be 1
        $r.ResultCount | Should -Be @($results | Where-Object Status -ge 'Warning').Count
        $r.Status | Should -Be 'Critical'
        (Get-StreamText $r) | Should -Not -Match ([regex]::Escape($secretPath))

        $got = @(Get-AdeSimWebhook -Simulator $sim)
        $got.Count | Should -Be 1
        $got[0].name | Should -Be 'teams-secret-7f3a9c'
        $got[0].contentType | Should -Match '^application/json'
        $msg = $got[0].body
        $msg.type | Should -Be 'message'
        @($msg.attachments).Count | Should -Be 1
        $att = $msg.attachments[0]
        $att.contentType | Should -Be 'application/vnd.microsoft.card.adaptive'
        $att.PSObject.Properties.Name | Should -Contain 'contentUrl'
        $att.contentUrl | Should -BeNullOrEmpty
        $card = $att.content
        $card.'$schema' | Should -Be 'http://adaptivecards.io/schemas/adaptive-card.json'
        $card.type | Should -Be 'AdaptiveCard'
        $card.version | Should -Be '1.4'
        @($card.body).Count | Should -BeGreaterThan 3
        $card.body[0].type | Should -Be 'TextBlock'
        $card.body[0].text | Should -Match '^Critical: \d+ ADE tokens need attention'
        @($card.body | Where-Object { $_.type -eq 'Container' -and -not $_.PSObject.Properties['id'] }).Count | Should -Be ([Math]::Min(15, $r.ResultCount))
        ($card.body | Where-Object { $_.type -eq 'Container' -and -not $_.PSObject.Properties['id'] })[0].items[0].text | Should -Be 'rule-expired'
        $actions = @($card.actions)
        $actions.type | Sort-Object -Unique | Should -Be 'Action.OpenUrl'
        $actions.url | Should -Contain 'https://intune.microsoft.com/'
        @($actions.url | Where-Object { $_ -like 'https://learn.microsoft.com/*' }).Count | Should -BeGreaterThan 0
    }

    It 'alerts only on Critical results with -MinimumStatus Critical' {
        $r = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -MinimumStatus Critical -PassThru
        $r.ResultCount | Should -Be $critical.Count
        $card = @(Get-AdeSimWebhook -Simulator $sim)[0].body.attachments[0].content
        $names = @($card.body | Where-Object { $_.type -eq 'Container' -and -not $_.PSObject.Properties['id'] } | ForEach-Object { $_.items[0].text })
        $names | Should -Be @($critical.TokenName)
    }

    It 'retries a 429 after its Retry-After and then succeeds' {
        Set-AdeSimWebhookFault -Simulator $sim -Status 429 -Count 1 -RetryAfterSeconds 1
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -PassThru -Verbose 4>&1
        $watch.Stop()
        $result = $r | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.Sent | Should -BeTrue
        $result.Attempts | Should -Be 2
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        @(Get-AdeSimWebhook -Simulator $sim).status | Should -Be @(429, 202)
        ($r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'answered 429.*Retry-After'
    }

    It 'reports a 500 as AlertDeliveryFailed naming the status, and no stream ever shows the URL' {
        Set-AdeSimWebhookFault -Simulator $sim -Status 500 -Count 10
        $Error.Clear()
        $out = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -PassThru -Verbose -Debug -ErrorAction Continue *>&1
        $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $e = $errors[0]
        $e.FullyQualifiedErrorId | Should -Be 'AlertDeliveryFailed,AdeTokens.Commands.SendAdeTokenAlertCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidResult'
        $e.TargetObject | Should -Be 'Teams'
        $e.Exception.Message | Should -Match '\b500\b'
        $e.Exception.Message | Should -Match ([regex]::Escape("$($sim.Url)/…"))
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 3
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0

        $text = (Get-StreamText $out) + "`n" + (Get-StreamText @($Error))
        $text | Should -Not -Match ([regex]::Escape($webhookUrl))
        $text | Should -Not -Match ([regex]::Escape($secretPath))
        $text | Should -Not -Match ([regex]::Escape($secretSig))
        $text | Should -Not -Match 'teams-secret'
    }

    It 'requires https except for loopback hosts, without echoing the URL' {
        $plain = ConvertTo-SecureString 'http://hooks.example.com/workflows/secret-flow-123?sig=abc' -AsPlainText -Force
        $err = { $results | Send-AdeTokenAlert -TeamsWebhookUrl $plain -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTeamsWebhookUrl,AdeTokens.Commands.SendAdeTokenAlertCommand' -PassThru
        $err.Exception.Message | Should -Match 'plain http'
        $err.Exception.Message | Should -Match ([regex]::Escape('http://hooks.example.com/…'))
        (Get-StreamText $err) | Should -Not -Match 'secret-flow-123|sig=abc'
        $ftp = ConvertTo-SecureString 'ftp://hooks.example.com/x' -AsPlainText -Force
        { $results | Send-AdeTokenAlert -TeamsWebhookUrl $ftp -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTeamsWebhookUrl,AdeTokens.Commands.SendAdeTokenAlertCommand'
        # localhost over plain http is the loopback exception (the simulator itself is http://127.0.0.1).
        $local = ConvertTo-SecureString ($webhookUrl -replace '127\.0\.0\.1', 'localhost') -AsPlainText -Force
        ($results | Send-AdeTokenAlert -TeamsWebhookUrl $local -PassThru).Sent | Should -BeTrue
    }

    It 'sends nothing under -WhatIf' {
        $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -WhatIf 6>$null
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 0
    }

    It 'sends nothing when no result reaches -MinimumStatus, and says so in a verbose line' {
        $out = $healthy | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -Verbose 4>&1
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 0
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'Nothing to alert on'
        $none = $healthy | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -PassThru
        $none.Sent | Should -BeFalse
    }

    It 'sends an all-clear card with -AlwaysSend' {
        $r = $healthy | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -AlwaysSend -PassThru
        $r.Sent | Should -BeTrue
        $r.ResultCount | Should -Be 0
        $card = @(Get-AdeSimWebhook -Simulator $sim)[0].body.attachments[0].content
        $card.body[0].text | Should -Match '^All clear'
        $card.body[0].color | Should -Be 'Good'
    }

    It 'rejects input that is not a HealthResult with UnsupportedAlertInput' {
        $null = 'just text', $results[0] | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UnsupportedAlertInput,AdeTokens.Commands.SendAdeTokenAlertCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $errs[0].TargetObject | Should -Be 'just text'
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 1
    }
}

Describe 'Send-AdeTokenAlert by mail' {
    BeforeEach { Clear-AdeSimMail -Simulator $sim }
    AfterAll { Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null }

    It 'sends one mail through Graph sendMail with Mail.Send, the HTML report as body' {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All', 'Mail.Send' | Out-Null
        Clear-AdeSimRequest -Simulator $sim
        $r = $results | Send-AdeTokenAlert -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com', 'intune@contoso.com' -PassThru
        $r.Channel | Should -Be 'Mail'
        $r.Sent | Should -BeTrue
        $r.Recipients | Should -Be @('ops@contoso.com', 'intune@contoso.com')
        $req = @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/sendMail')
        $req.Count | Should -Be 1
        $req[0].method | Should -Be 'POST'
        $req[0].path | Should -Be '/v1.0/users/alerts@contoso.com/sendMail'
        $req[0].status | Should -Be 202
        $mail = @(Get-AdeSimMail -Simulator $sim)
        $mail.Count | Should -Be 1
        $mail[0].user | Should -Be 'alerts@contoso.com'
        $mail[0].saveToSentItems | Should -BeFalse
        $mail[0].message.subject | Should -Match '^\[AdeTokens\] Critical: '
        $mail[0].message.importance | Should -Be 'high'
        $mail[0].message.body.contentType | Should -Be 'html'
        $mail[0].message.body.content | Should -Match '^<!DOCTYPE html>'
        $mail[0].message.body.content | Should -Match 'rule-expired'
        @($mail[0].message.toRecipients | ForEach-Object { $_.emailAddress.address }) | Should -Be @('ops@contoso.com', 'intune@contoso.com')
    }

    It 'sends to Teams and mail in one run' {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All', 'Mail.Send' | Out-Null
        Clear-AdeSimWebhook -Simulator $sim
        $r = @($results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -PassThru)
        $r.Channel | Should -Be @('Teams', 'Mail')
        $r.Sent | Should -Be @($true, $true)
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 1
        @(Get-AdeSimMail -Simulator $sim).Count | Should -Be 1
    }

    It 'sends no mail under -WhatIf' {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All', 'Mail.Send' | Out-Null
        $results | Send-AdeTokenAlert -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -WhatIf 6>$null
        @(Get-AdeSimMail -Simulator $sim).Count | Should -Be 0
    }

    It 'reports 403 without Mail.Send as GraphPermissionDenied naming Mail.Send' {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
        $null = $results | Send-AdeTokenAlert -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'GraphPermissionDenied,AdeTokens.Commands.SendAdeTokenAlertCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errs[0].Exception.Message | Should -Match 'Mail\.Send'
        $errs[0].Exception.Message | Should -Not -Match 'Intune role'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Mail\.Send'
        @(Get-AdeSimMail -Simulator $sim).Count | Should -Be 0
    }

    It 'accepts the delegated Mail.Send scope' {
        $token = New-AdeSimToken -Simulator $sim -Scp 'DeviceManagementServiceConfig.Read.All Mail.Send'
        Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $sim.Url | Out-Null
        ($results | Send-AdeTokenAlert -MailFrom 'admin@contoso.onmicrosoft.com' -MailTo 'ops@contoso.com' -PassThru).Sent | Should -BeTrue
    }

    It 'needs both -MailFrom and -MailTo' {
        { $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -MailFrom 'alerts@contoso.com' -ErrorAction Stop } |
            Should -Throw -ErrorId 'MailParameterMissing,AdeTokens.Commands.SendAdeTokenAlertCommand'
    }

    It 'needs a connection for mail (NotConnected)' {
        Disconnect-AdeGraph
        { $results | Send-AdeTokenAlert -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotConnected,AdeTokens.Commands.SendAdeTokenAlertCommand'
    }
}

Describe 'Send-AdeTokenAlert -StatePath: alerts that do not nag' {
    BeforeEach {
        Clear-AdeSimWebhook -Simulator $sim
        $script:state = Join-Path $TestDrive ("state-" + [guid]::NewGuid().ToString('n') + '.json')
    }

    It 'sends one alert for ten identical runs' {
        $sent = foreach ($i in 1..10) { ($results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -PassThru).Sent }
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 1
        $sent | Should -Be (@($true) + @($false) * 9)
        $card = @(Get-AdeSimWebhook -Simulator $sim)[0].body.attachments[0].content
        $text = Get-CardText $card
        $text | Should -Match 'Changed since the last alert'
        $text | Should -Match "• New: 'rule-expired' is Critical"
        $saved = Get-Content $state -Raw | ConvertFrom-Json
        $saved.version | Should -Be 1
        # Each token with a problem of its own, and the APNs certificate once (not on every token).
        $own = @($results | Where-Object { @($_.Findings | Where-Object { $_.Target -ne 'applePushNotificationCertificate' -and $_.Severity -ge 'Warning' }).Count -gt 0 })
        @($saved.tokens | Where-Object { -not $_.PSObject.Properties['scope'] }).Count | Should -Be $own.Count
        @($saved.tokens | Where-Object { $_.PSObject.Properties['scope'] -and $_.scope -eq 'Tenant' }).tokenId | Should -Be 'applePushNotificationCertificate'
        $text | Should -Match "• New: 'Apple MDM push certificate' is Warning \(ApnsCertificateExpiringSoon\)"
        (Get-Content $state -Raw) | Should -Not -Match ([regex]::Escape($secretSig))
    }

    It 'sends a resolved notice when a token recovers, and then nothing' {
        $r1 = New-FlipResult -Days -2 | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -PassThru
        $r1.Sent | Should -BeTrue
        $r1.Changes | Should -Be @("New: 'Flip ABM' is Critical (TokenExpired).")
        $r2 = New-FlipResult -Days 200 | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -PassThru
        $r2.Sent | Should -BeTrue
        $r2.Changes | Should -Be @("Resolved: 'Flip ABM' is Healthy again (was Critical: TokenExpired).")
        $posts = @(Get-AdeSimWebhook -Simulator $sim)
        $posts.Count | Should -Be 2
        $card = $posts[1].body.attachments[0].content
        $card.body[0].text | Should -Be 'Resolved: no ADE token is at or above Warning any more (1 resolved since the last alert)'
        $card.body[0].color | Should -Be 'Good'
        (Get-CardText $card) | Should -Match "• Resolved: 'Flip ABM' is Healthy again"
        $r3 = New-FlipResult -Days 200 | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -PassThru
        $r3.Sent | Should -BeFalse
        $r3.Summary | Should -Match 'Nothing changed since the last alert'
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 2
    }

    It 'sends every run with -AlwaysSend, saying that nothing changed' {
        $null = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state
        $r = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -AlwaysSend -PassThru
        $r.Sent | Should -BeTrue
        $posts = @(Get-AdeSimWebhook -Simulator $sim)
        $posts.Count | Should -Be 2
        (Get-CardText $posts[1].body.attachments[0].content) | Should -Match 'No change since the last alert'
    }

    It 'keeps the state in an Automation-style variable through -StateReader and -StateWriter' {
        $box = @{ State = $null }
        $reader = { $box.State }.GetNewClosure()
        $writer = { param($State) $box.State = $State }.GetNewClosure()
        foreach ($i in 1..3) { $null = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StateReader $reader -StateWriter $writer }
        @(Get-AdeSimWebhook -Simulator $sim).Count | Should -Be 1
        ($box.State | ConvertFrom-Json).version | Should -Be 1
        { $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StateReader $reader -ErrorAction Stop } |
            Should -Throw -ErrorId 'AlertStateParameterMissing,AdeTokens.Commands.SendAdeTokenAlertCommand'
        { $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -StateReader $reader -StateWriter $writer -ErrorAction Stop } |
            Should -Throw -ErrorId 'AlertStateParameterConflict,AdeTokens.Commands.SendAdeTokenAlertCommand'
    }

    It 'saves no state under -WhatIf or when the post fails, so the next run still alerts' {
        $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -WhatIf 6>$null
        Test-Path $state | Should -BeFalse
        Set-AdeSimWebhookFault -Simulator $sim -Status 500 -Count 3
        $null = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -ErrorAction SilentlyContinue
        Test-Path $state | Should -BeFalse
        ($results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -PassThru).Sent | Should -BeTrue
        Test-Path $state | Should -BeTrue
    }

    It 'reports a damaged state as AlertStateInvalid and still alerts' {
        Set-Content -Path $state -Value 'not json'
        $r = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'AlertStateInvalid,AdeTokens.Commands.SendAdeTokenAlertCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Sent | Should -BeTrue
        (Get-Content $state -Raw | ConvertFrom-Json).version | Should -Be 1
        { $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $TestDrive -ErrorAction Stop } |
            Should -Throw -ErrorId 'AlertStatePathIsFolder,AdeTokens.Commands.SendAdeTokenAlertCommand'
    }

    It 'puts the changes on top of the mail, inline HTML, through sendMail' {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All', 'Mail.Send' | Out-Null
        try {
            Clear-AdeSimMail -Simulator $sim
            foreach ($i in 1..3) { $null = $results | Send-AdeTokenAlert -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -StatePath $state }
            $mail = @(Get-AdeSimMail -Simulator $sim)
            $mail.Count | Should -Be 1
            $mail[0].message.subject | Should -Match '^\[AdeTokens\] Critical: \d+ ADE tokens need attention \(\d+ new since the last alert\)$'
            $html = $mail[0].message.body.content
            $html | Should -Match '<strong>Changed since the last alert</strong>'
            $html | Should -Match '<svg[^>]* id="timeline"'
            [Text.Encoding]::UTF8.GetByteCount($html) | Should -BeLessThan (3MB)
        }
        finally { Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null }
    }
}

Describe 'Send-AdeTokenAlert by mail within sendMail''s size limit' {
    BeforeAll {
        Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All', 'Mail.Send' | Out-Null
        $rt = $results[0].GetType()
        $ft = $results[0].Findings[0].GetType()
        # 600 critical tokens whose steps alone come to about 4.8 MB: the full report cannot go in one request.
        $script:big = foreach ($i in 1..600) {
            $r = [Activator]::CreateInstance($rt)
            $r.TokenId = "big-$i"; $r.TokenName = "Big token $i"; $r.TenantId = $results[0].TenantId; $r.Status = 'Critical'
            $r.DaysUntilExpiry = 3; $r.ExpirationDateTime = [DateTimeOffset]::UtcNow.AddDays(3); $r.EvaluatedAt = [DateTimeOffset]::UtcNow
            $f = [Activator]::CreateInstance($ft)
            $f.Code = 'SyncFailed'; $f.Severity = 'Critical'; $f.Message = 'The last sync failed.'; $f.Remediation = [string[]]@('s' * 8000)
            $findings = [Array]::CreateInstance($ft, 1); $findings[0] = $f; $r.Findings = $findings
            $r
        }
    }
    AfterAll { Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null }
    BeforeEach { Clear-AdeSimMail -Simulator $sim }

    It 'the simulated sendMail refuses a request over 4 MB, as Graph does' {
        $token = New-AdeSimToken -Simulator $sim -Roles 'Mail.Send'
        $body = @{ message = @{ subject = 's'; body = @{ contentType = 'html'; content = 'x' * 4.5MB }; toRecipients = @(@{ emailAddress = @{ address = 'ops@contoso.com' } }) } } | ConvertTo-Json -Depth 5
        $err = { Invoke-RestMethod -Method Post -Uri "$($sim.Url)/v1.0/users/alerts@contoso.com/sendMail" -Headers @{ Authorization = "Bearer $token" } -Body $body -ContentType 'application/json' } |
            Should -Throw -PassThru
        [int]$err.Exception.Response.StatusCode | Should -Be 413
        @(Get-AdeSimMail -Simulator $sim).Count | Should -Be 0
    }

    It 'sends a compact report when the full one would be too large, and Graph takes it' {
        $r = $big | Send-AdeTokenAlert -MailFrom 'alerts@contoso.com' -MailTo 'ops@contoso.com' -PassThru -Verbose 4>&1
        ($r | Where-Object { $_.GetType().FullName -eq 'AdeTokens.AlertResult' }).Sent | Should -BeTrue
        $mail = @(Get-AdeSimMail -Simulator $sim)
        $mail.Count | Should -Be 1
        $html = $mail[0].message.body.content
        $html | Should -Match 'id="compact-note"'
        $html | Should -Not -Match '<svg'
        $html | Should -Match 'Big token 600'
        [Text.Encoding]::UTF8.GetByteCount($html) | Should -BeLessThan (3MB)
    }
}

Describe 'The Teams card in Microsoft''s Adaptive Cards renderer' {
    BeforeAll {
        Clear-AdeSimWebhook -Simulator $sim
        $state = Join-Path $TestDrive 'card-state.json'
        # A state from an earlier alert, so the card has a "changed since the last alert" list to show.
        $null = $results | Where-Object TokenName -ne 'rule-expired' | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state
        $null = $results | Send-AdeTokenAlert -TeamsWebhookUrl $webhook -StatePath $state
        $script:card = @(Get-AdeSimWebhook -Simulator $sim)[-1].body.attachments[0].content
        $page = New-AdeTestCardPage -CardJson ($card | ConvertTo-Json -Depth 50) -Path (Get-AdeTestArtefactPath 'teams-card.html')
        $script:verdict = Get-AdeTestCardVerdict -Path $page
        $script:shot = Get-AdeTestArtefactPath 'teams-card.png'
        Remove-Item $shot -ErrorAction SilentlyContinue
        $null = Invoke-AdeTestChromium -Path $page -Screenshot $shot -WindowSize '640,1500'
    }

    It 'parses with no error or warning for the version it declares' {
        $verdict.PSObject.Properties.Name | Should -Not -Contain 'exception'
        $verdict.declared | Should -Be '1.4'
        $verdict.parsedAs | Should -Be '1.4'
        @($verdict.events) | Should -BeNullOrEmpty
        @($verdict.failures) | Should -BeNullOrEmpty
        $verdict.rendered | Should -BeTrue
        (Get-Item $shot).Length | Should -BeGreaterThan 10KB
    }

    It 'shows the summary, the change since the last alert, and the critical tokens first' {
        $text = $verdict.text
        $text | Should -Match 'Critical: \d+ ADE tokens need attention \(1 new since the last alert\)'
        $text | Should -Match '\d+ of \d+ ADE tokens at or above Warning: \d+ critical, \d+ warning\.'
        $text | Should -Match 'Changed since the last alert'
        $text | Should -Match "New: 'rule-expired' is Critical \([^)]*TokenExpired"
        $first = $text.IndexOf('rule-expired', $text.IndexOf('Changed since the last alert') + 80)
        $firstWarning = $text.IndexOf('rule-expiring-30d')
        $first | Should -BeGreaterThan 0
        $first | Should -BeLessThan $firstWarning
    }

    It 'would report a card the renderer cannot parse (the check can fail)' {
        $bad = $card | ConvertTo-Json -Depth 50 | ConvertFrom-Json
        $bad.body[0].size = 'Enormous'
        $page = New-AdeTestCardPage -CardJson ($bad | ConvertTo-Json -Depth 50) -Path (Join-Path $TestDrive 'bad-card.html')
        $v = Get-AdeTestCardVerdict -Path $page
        @($v.events) + @($v.failures) | Should -Not -BeNullOrEmpty
    }
}
