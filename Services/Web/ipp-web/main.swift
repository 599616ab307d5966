// The ipp-web executable: the read-only web client of the four services.
import IPPWeb

await WebMain.run()
