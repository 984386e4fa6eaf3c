// Package echoadapter serves Segments.ai webhooks with Echo v4.
//
// Mount a [handler.Handler] to get typed callbacks:
//
//	h, err := handler.New(os.Getenv("SEGMENTS_WEBHOOK_SECRET"))
//	if err != nil {
//		log.Fatal(err)
//	}
//	h.OnSampleCreated(func(_ context.Context, e *events.SampleCreated) error {
//		log.Printf("sample %s added to %s", e.Sample.Name, e.DatasetName)
//		return nil
//	})
//	e := echo.New()
//	e.POST("/webhooks", echoadapter.Handler(h))
//
// Or put [Middleware] in front of your own handler, which reads the
// verified event with [Event] and may still read the raw body:
//
//	v, err := verify.New(os.Getenv("SEGMENTS_WEBHOOK_SECRET"))
//	if err != nil {
//		log.Fatal(err)
//	}
//	e.POST("/webhooks", func(c echo.Context) error {
//		ev, _ := echoadapter.Event(c)
//		d, _ := handler.DeliveryFromContext(c.Request().Context())
//		log.Printf("%s: %s", d.ID, ev.EventType())
//		return c.NoContent(http.StatusNoContent)
//	}, echoadapter.Middleware(v))
//
// Both answer failures with the statuses of [handler.ResponseFor]. They
// work behind Echo's BodyLimit middleware, whose refusal becomes a 413,
// and behind its Gzip middleware.
package echoadapter
