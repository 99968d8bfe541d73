# Export-AdeTokenReport through the built module: every format, file handling, encoding of hostile names.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'health-rules.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
    $script:results = @(Test-AdeTokenHealth -WarningAction SilentlyContinue)

    # Offline input with a hostile name, an expired date and an unmapped sync error.
    $script:evilName = '<script>alert(1)</script> & "Co" =cmd'
    $snapshot = @{ value = @(
            @{ id = 'evil-1'; tokenName = $evilName; appleIdentifier = 'a@contoso.com'; tokenExpirationDateTime = [DateTime]::UtcNow.AddDays(-2).ToString('o')
               lastSuccessfulSyncDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o'); lastSyncTriggeredDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o')
               lastSyncErrorCode = 0; dataSharingConsentGranted = $true; lastModifiedDateTime = [DateTime]::UtcNow.AddDays(-300).ToString('o') }
            @{ id = 'fine-1'; tokenName = 'Fine ABM'; appleIdentifier = 'b@contoso.com'; tokenExpirationDateTime = [DateTime]::UtcNow.AddDays(200).ToString('o')
               lastSuccessfulSyncDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o'); lastSyncTriggeredDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o')
               lastSyncErrorCode = 0; dataSharingConsentGranted = $true; lastModifiedDateTime = [DateTime]::UtcNow.AddDays(-300).ToString('o') }
        ) } | ConvertTo-Json -Depth 5
    $script:snapshotPath = Join-Path $TestDrive 'evil.json'
    Set-Content -Path $snapshotPath -Value $snapshot
    $offline = @(Test-AdeTokenHealth -Path $snapshotPath)
    $script:evil = @($offline | Where-Object TokenId -eq 'evil-1')
    $script:fine = @($offline | Where-Object TokenId -eq 'fine-1')
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Export-AdeTokenReport' {
    It 'writes one self-contained HTML string by default, most urgent first, with the summary line' {
        $html = $results | Export-AdeTokenReport
        $html | Should -BeOfType [string]
        @($html).Count | Should -Be 1
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '(src|href)="(?!https://learn\.microsoft\.com)'
        $html | Should -Not -Match '<link'
        $c = @($results | Where-Object Status -eq Critical).Count
        $w = @($results | Where-Object Status -eq Warning).Count
        $h = @($results | Where-Object Status -eq Healthy).Count
        $html | Should -Match ([regex]::Escape("$($results.Count) tokens: $h healthy, $w warning, $c critical."))
        $html | Should -Match 'Tenant: [0-9a-f-]{36}\.'
        $html | Should -Match 'Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(UTC\)'
        # Table order: most urgent first, whatever order the input came in.
        $rank = @{ Critical = 2; Warning = 1; Healthy = 0 }
        $html = ($results + $fine | Sort-Object { Get-Random }) | Export-AdeTokenReport
        $rows = @([regex]::Matches($html, '<tr><td class="status (\w+)">') | ForEach-Object { $rank[$_.Groups[1].Value] })
        $rows.Count | Should -Be ($results.Count + 1)
        $rows | Should -Be ($rows | Sort-Object -Descending)
        $rows[0] | Should -Be 2
        $rows[-1] | Should -Be 0
        $html | Should -Match '<ol><li>'
        $html | Should -Match 'href="https://learn\.microsoft\.com/'
    }

    It 'HTML-encodes every value, so a hostile token name is shown and never runs' {
        $html = $evil | Export-AdeTokenReport -Title '<b>Title</b>'
        $html | Should -Not -Match '<script>'
        $html | Should -Not -Match '<b>Title'
        $html | Should -Match ([regex]::Escape('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; =cmd'))
        $html | Should -Match ([regex]::Escape('<title>&lt;b&gt;Title&lt;/b&gt;</title>'))
    }

    It 'writes Markdown with a table and the findings' {
        $md = $results | Export-AdeTokenReport -Format Markdown
        $md | Should -Match '(?m)^\| Status \| Token \| Days left \| Expires \(UTC\) \| Findings \|$'
        $md | Should -Match '(?m)^\| Critical \| rule\\-expired|(?m)^\| Critical \| rule-expired'
        $md | Should -Match '(?m)^1\. '
        $md | Should -Match 'Microsoft Learn: <https://learn\.microsoft\.com/'
        ($evil | Export-AdeTokenReport -Format Markdown) | Should -Not -Match '<script>'
    }

    It 'writes JSON with stable names and ISO 8601 dates' {
        $json = $results | Export-AdeTokenReport -Format Json
        $data = $json | ConvertFrom-Json -DateKind String
        @($data).Count | Should -Be $results.Count
        $first = @($data)[0]
        $first.PSObject.Properties.Name | Should -Be @('tenantId', 'tokenId', 'tokenName', 'appleId', 'status', 'daysUntilExpiry', 'expirationDateTime', 'lastSuccessfulSyncDateTime', 'evaluatedAt', 'findings')
        $first.status | Should -Be 'Critical'
        $first.expirationDateTime | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
        $first.findings[0].PSObject.Properties.Name | Should -Be @('code', 'severity', 'message', 'remediation', 'helpUri', 'target', 'evidence')
        ($evil | Export-AdeTokenReport -Format Json | ConvertFrom-Json).tokenName | Should -BeExactly $evilName
    }

    It 'writes CSV with one row per finding and one row for a token without findings' {
        $path = Join-Path $TestDrive 'r.csv'
        $all = $results + $fine
        $all | Export-AdeTokenReport -Format Csv -Path $path
        $rows = @(Import-Csv $path)
        @($rows[0].PSObject.Properties.Name) | Should -Be @('TenantId', 'TokenName', 'TokenId', 'Status', 'DaysUntilExpiry', 'Severity', 'Code', 'Message', 'HelpUri')
        $expected = ($all | ForEach-Object { [Math]::Max(1, @($_.Findings).Count) } | Measure-Object -Sum).Sum
        $rows.Count | Should -Be $expected
        $healthy = @($all | Where-Object { @($_.Findings).Count -eq 0 })
        $healthy.Count | Should -BeGreaterThan 0
        foreach ($h in $healthy) {
            $r = @($rows | Where-Object TokenId -eq $h.TokenId)
            $r.Count | Should -Be 1
            $r[0].Code | Should -BeNullOrEmpty
        }
        [IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'guards CSV cells against formula injection' {
        $csv = $evil | Export-AdeTokenReport -Format Csv
        $row = @($csv | ConvertFrom-Csv)[0]
        $row.TokenName | Should -BeExactly $evilName
        $bad = $evil[0]
        $bad.TokenName = '=HYPERLINK("http://x")'
        ($bad | Export-AdeTokenReport -Format Csv | ConvertFrom-Csv)[0].TokenName | Should -BeExactly "'=HYPERLINK(""http://x"")"
    }

    It 'refuses to overwrite a file without -Force, and overwrites with it' {
        $path = Join-Path $TestDrive 'exists.html'
        Set-Content -Path $path -Value 'keep me'
        { $results | Export-AdeTokenReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'OutFileExists,AdeTokens.Commands.ExportAdeTokenReportCommand'
        Get-Content $path -Raw | Should -Match 'keep me'
        $results | Export-AdeTokenReport -Path $path -Force
        Get-Content $path -Raw | Should -Match '^<!DOCTYPE html>'
    }

    It 'resolves a relative path and returns the file with -PassThru' {
        Push-Location $TestDrive
        try {
            $file = $results | Export-AdeTokenReport -Format Json -Path 'rel.json' -PassThru
        }
        finally { Pop-Location }
        $file | Should -BeOfType [IO.FileInfo]
        $file.FullName | Should -Be (Join-Path $TestDrive 'rel.json')
        (Get-Content $file.FullName -Raw | ConvertFrom-Json).Count | Should -Be $results.Count
    }

    It 'rejects input that is not a HealthResult with UnsupportedReportInput, the object as target' {
        $status = @(Get-AdeTokenStatus)[0]
        $html = $status, $results[0] | Export-AdeTokenReport -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UnsupportedReportInput,AdeTokens.Commands.ExportAdeTokenReportCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $errs[0].TargetObject | Should -Be $status
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Test-AdeTokenHealth'
        $html | Should -Match '1 token: '
    }
}
