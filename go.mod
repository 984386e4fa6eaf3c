module github.com/segments-webhooks/webhooks

go 1.26

require github.com/standard-webhooks/standard-webhooks/libraries v1.3.0
