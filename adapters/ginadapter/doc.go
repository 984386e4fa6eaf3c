// Package ginadapter serves Segments.ai webhooks with Gin.
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
//	r := gin.New()
//	r.POST("/webhooks", ginadapter.Handler(h))
//
// Or put [Middleware] in front of your own handler, which reads the
// verified event with [Event] and may still read the raw body:
//
//	v, err := verify.New(os.Getenv("SEGMENTS_WEBHOOK_SECRET"))
//	if err != nil {
//		log.Fatal(err)
//	}
//	r.POST("/webhooks", ginadapter.Middleware(v), func(c *gin.Context) {
//		ev, _ := ginadapter.Event(c)
//		d, _ := handler.DeliveryFromContext(c.Request.Context())
//		log.Printf("%s: %s", d.ID, ev.EventType())
//		c.Status(http.StatusNoContent)
//	})
//
// Both answer failures with the statuses of [handler.ResponseFor]. They
// work behind a body limit set with [net/http.MaxBytesReader], whose refusal
// becomes a 413, and behind response compression such as
// gin-contrib/gzip.
package ginadapter
